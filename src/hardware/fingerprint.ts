import {createHash} from 'node:crypto'
import type {HardwareReport} from './types.js'

/** A short stable id of the hardware that matters for speed: GPUs, CPU, RAM. Free memory and power are left out. */
export function hardwareFingerprint(report: HardwareReport): string {
  const gpus = report.gpus.map((g) => `${g.vendor}:${g.name}:${g.vramTotalMiB ?? '?'}`).sort()
  const key = [
    report.os.platform,
    report.os.arch,
    report.cpu.model,
    report.cpu.cores,
    Math.round(report.ramGiB),
    ...gpus,
  ]
  return createHash('sha256').update(key.join('|')).digest('hex').slice(0, 16)
}
