import {execa} from 'execa'
import type {HardwareCaptures, SystemFacts, ToolOutput, VendorTool} from './captures.js'
import {SYSCTL_KEYS, SYSTEM_PROFILER_ARGS} from './parse-apple.js'
import {NVIDIA_SMI_ARGS} from './parse-nvidia-smi.js'
import {ROCM_SMI_ARGS} from './parse-rocm-smi.js'

const TOOL_TIMEOUT_MS = 10_000

/** Runs one vendor tool; a tool that is absent, hangs or exits non-zero becomes a ToolOutput, never a throw. */
export async function runTool(command: string, args: string[]): Promise<ToolOutput> {
  const result = await execa(command, args, {reject: false, timeout: TOOL_TIMEOUT_MS, stdin: 'ignore'})
  if ((result as {code?: string}).code === 'ENOENT')
    return {status: 'missing', detail: `${command} is not installed or not on PATH`}
  if (result.timedOut) return {status: 'failed', detail: `${command} did not answer within ${TOOL_TIMEOUT_MS / 1000} s`}
  if (result.exitCode !== 0) {
    const why =
      String(result.stderr || result.stdout || result.shortMessage)
        .trim()
        .split('\n')[0] ?? ''
    return {status: 'failed', detail: `${command} exited with ${result.exitCode ?? result.signal}: ${why}`}
  }
  return {status: 'ok', stdout: result.stdout.toString()}
}

async function systemFacts(dataDir: string): Promise<SystemFacts> {
  const si = await import('systeminformation')
  const [cpu, mem, os, graphics, disks] = await Promise.all([
    si.cpu(),
    si.mem(),
    si.osInfo(),
    si.graphics(),
    si.fsSize(),
  ])
  // The disk holding the data dir: the longest mount point that prefixes it.
  const disk = disks.filter((d) => dataDir.startsWith(d.mount)).sort((a, b) => b.mount.length - a.mount.length)[0]
  const facts: SystemFacts = {
    platform: os.platform,
    arch: os.arch,
    distro: os.distro,
    release: os.release,
    cpuModel: [cpu.manufacturer, cpu.brand].filter(Boolean).join(' '),
    cores: cpu.cores,
    physicalCores: cpu.physicalCores,
    ramBytes: mem.total,
    graphics: graphics.controllers.map((c) => ({vendor: c.vendor, model: c.model, vramMiB: c.vram ?? undefined})),
  }
  if (disk) facts.diskFreeBytes = disk.available
  return facts
}

/** Gathers systeminformation facts and the output of every vendor tool that applies to this OS. */
export async function collectCaptures(dataDir: string): Promise<HardwareCaptures> {
  const tools: Partial<Record<VendorTool, ToolOutput>> = {}
  const jobs: Promise<void>[] = []
  const run = (tool: VendorTool, command: string, args: string[]) => {
    jobs.push(
      runTool(command, args).then((out) => {
        tools[tool] = out
      }),
    )
  }
  if (process.platform === 'darwin') {
    run('system_profiler', 'system_profiler', SYSTEM_PROFILER_ARGS)
    run('sysctl', 'sysctl', SYSCTL_KEYS)
  } else {
    run('nvidia-smi', 'nvidia-smi', NVIDIA_SMI_ARGS)
    run('rocm-smi', 'rocm-smi', ROCM_SMI_ARGS)
  }
  const [system] = await Promise.all([systemFacts(dataDir), ...jobs])
  if (tools['nvidia-smi']?.status === 'ok') tools['nvidia-smi-header'] = await runTool('nvidia-smi', [])
  return {system, tools}
}
