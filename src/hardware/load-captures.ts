import {existsSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {UsageError} from '../errors.js'
import {buildHardwareReport} from './build-report.js'
import type {HardwareCaptures, SystemFacts, ToolOutput, VendorTool} from './captures.js'
import type {HardwareReport} from './types.js'

/** File names of captured tool outputs in a fixtures/hardware/<box>/ folder. */
const FILES: Record<VendorTool, string> = {
  'nvidia-smi': 'nvidia-smi.csv',
  'nvidia-smi-header': 'nvidia-smi.txt',
  'rocm-smi': 'rocm-smi.json',
  system_profiler: 'system_profiler.json',
  sysctl: 'sysctl.txt',
}

/** The tools that would run on this platform; the ones without a file were "missing" on the captured box. */
function expectedTools(platform: string): VendorTool[] {
  return platform === 'darwin' ? ['system_profiler', 'sysctl'] : ['nvidia-smi', 'rocm-smi']
}

/** Reads a captures folder: system.json plus one file per vendor tool that answered. */
export function loadCaptures(dir: string): HardwareCaptures {
  const system = JSON.parse(readFileSync(join(dir, 'system.json'), 'utf8')) as SystemFacts
  const tools: Partial<Record<VendorTool, ToolOutput>> = {}
  for (const tool of expectedTools(system.platform))
    tools[tool] = {status: 'missing', detail: `${tool} is not installed or not on PATH`}
  for (const [tool, file] of Object.entries(FILES) as [VendorTool, string][]) {
    const path = join(dir, file)
    if (existsSync(path)) tools[tool] = {status: 'ok', stdout: readFileSync(path, 'utf8')}
  }
  return {system, tools}
}

const expected = 'a folder of captured tool outputs (with system.json) or the JSON that `oac detect --json` prints'

/** `--hardware PATH`: a captures folder, or a JSON report as `oac detect --json` prints it. Bad input is exit 2. */
export function loadHardware(path: string): HardwareReport {
  if (!existsSync(path)) throw new UsageError(`--hardware ${path} does not exist: expected ${expected}`)
  if (statSync(path).isDirectory()) {
    if (!existsSync(join(path, 'system.json')))
      throw new UsageError(`--hardware ${path} has no system.json: expected ${expected}`)
    return buildHardwareReport(loadCaptures(path))
  }
  let data: {hardware?: HardwareReport} & HardwareReport
  try {
    data = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new UsageError(`${path} is not ${expected} (${(error as Error).message.split('\n')[0]})`)
  }
  const report = data?.hardware ?? data
  if (!Array.isArray(report?.gpus) || typeof report.ramGiB !== 'number')
    throw new UsageError(
      `${path} is not a hardware report: expected the JSON of \`oac detect --json\` (with "gpus" and "ramGiB")`,
    )
  return report
}
