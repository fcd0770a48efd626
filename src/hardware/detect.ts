import {buildHardwareReport} from './build-report.js'
import {collectCaptures} from './collect.js'
import type {HardwareReport} from './types.js'

/** Detects this machine's hardware: systeminformation plus whichever vendor tools are installed. */
export async function detectHardware(dataDir: string): Promise<HardwareReport> {
  return buildHardwareReport(await collectCaptures(dataDir))
}
