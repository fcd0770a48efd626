import type {HardwareCaptures, ToolOutput, VendorTool} from './captures.js'
import {parseAppleHardware, parseSysctl} from './parse-apple.js'
import {parseNvidiaSmiCsv, parseNvidiaSmiCudaVersion} from './parse-nvidia-smi.js'
import {parseRocmSmiJson} from './parse-rocm-smi.js'
import type {GpuInfo, HardwareReport, ToolProbe} from './types.js'

const GiB = 1024 ** 3

function probe(tool: VendorTool, out: ToolOutput | undefined): ToolProbe | undefined {
  if (!out) return undefined
  return out.status === 'ok' ? {tool, status: 'ok'} : {tool, status: out.status, detail: out.detail}
}

// A parser that throws on garbage must not take detection down: the tool is reported as failed instead.
function tryParse<T>(tool: VendorTool, probes: ToolProbe[], parse: () => T): T | undefined {
  try {
    return parse()
  } catch (error) {
    const p = probes.find((x) => x.tool === tool)
    const detail = `unreadable output: ${error instanceof Error ? error.message : String(error)}`
    if (p) Object.assign(p, {status: 'failed', detail})
    return undefined
  }
}

function vendorOf(name: string): GpuInfo['vendor'] {
  if (/nvidia/i.test(name)) return 'nvidia'
  if (/amd|ati\b|advanced micro/i.test(name)) return 'amd'
  if (/apple/i.test(name)) return 'apple'
  if (/intel/i.test(name)) return 'intel'
  return 'other'
}

/** Turns captured tool outputs into the report `oac detect` prints. Pure: no process is run here. */
export function buildHardwareReport(captures: HardwareCaptures): HardwareReport {
  const {system, tools} = captures
  const probes = (Object.keys(tools) as VendorTool[])
    .map((tool) => probe(tool, tools[tool]))
    .filter((p): p is ToolProbe => p !== undefined)
  const gpus: GpuInfo[] = []
  const report: HardwareReport = {
    os: {platform: system.platform, arch: system.arch},
    cpu: {model: system.cpuModel, cores: system.cores},
    ramGiB: Math.round((system.ramBytes / GiB) * 10) / 10,
    gpus,
    probes,
  }
  if (system.distro) report.os.distro = system.distro
  if (system.release) report.os.release = system.release
  if (system.physicalCores) report.cpu.physicalCores = system.physicalCores
  if (system.diskFreeBytes !== undefined) report.diskFreeGiB = Math.round((system.diskFreeBytes / GiB) * 10) / 10

  const nv = tools['nvidia-smi']
  if (nv?.status === 'ok') {
    const header = tools['nvidia-smi-header']
    const cuda = header?.status === 'ok' ? parseNvidiaSmiCudaVersion(header.stdout) : undefined
    gpus.push(...(tryParse('nvidia-smi', probes, () => parseNvidiaSmiCsv(nv.stdout, cuda)) ?? []))
  }
  const rocm = tools['rocm-smi']
  if (rocm?.status === 'ok') gpus.push(...(tryParse('rocm-smi', probes, () => parseRocmSmiJson(rocm.stdout)) ?? []))
  const sp = tools.system_profiler
  if (sp?.status === 'ok') {
    const sysctl = tools.sysctl?.status === 'ok' ? parseSysctl(tools.sysctl.stdout) : {}
    const apple = tryParse('system_profiler', probes, () => parseAppleHardware(sp.stdout, sysctl))
    if (apple) {
      report.apple = apple.apple
      gpus.push(...apple.gpus)
    }
  }
  // No vendor tool answered for a controller systeminformation sees: report it with what is known.
  const covered = new Set(gpus.map((g) => g.vendor))
  for (const g of system.graphics) {
    const vendor = vendorOf(g.vendor)
    if (covered.has(vendor) || vendor === 'other') continue
    const gpu: GpuInfo = {vendor, name: g.model}
    if (g.vramMiB) gpu.vramTotalMiB = g.vramMiB
    gpus.push(gpu)
  }
  return report
}
