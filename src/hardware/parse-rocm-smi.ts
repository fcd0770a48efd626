import type {GpuInfo} from './types.js'

/** argv for rocm-smi: product names, VRAM, power, bus and driver version as one JSON object. */
export const ROCM_SMI_ARGS = [
  '--showproductname',
  '--showmeminfo',
  'vram',
  '--showpower',
  '--showbus',
  '--showdriverversion',
  '--json',
]

const MiB = 1024 * 1024

function num(value: unknown): number | undefined {
  const n = typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN
  return Number.isFinite(n) ? n : undefined
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

// rocm-smi changed the capitalization of its keys between releases ("Card series" / "Card Series").
function pick(card: Record<string, unknown>, ...keys: string[]): unknown {
  const lower = new Map(Object.entries(card).map(([k, v]) => [k.toLowerCase(), v]))
  for (const key of keys) if (lower.has(key.toLowerCase())) return lower.get(key.toLowerCase())
  return undefined
}

/** Parses `rocm-smi ... --json`: an object with one `cardN` entry per GPU and a `system` entry. */
export function parseRocmSmiJson(stdout: string): GpuInfo[] {
  const data = JSON.parse(stdout) as Record<string, Record<string, unknown>>
  const driver = str(data.system ? pick(data.system, 'Driver version') : undefined)
  const gpus: GpuInfo[] = []
  for (const [key, card] of Object.entries(data)) {
    if (!/^card\d+$/.test(key)) continue
    const total = num(pick(card, 'VRAM Total Memory (B)'))
    const used = num(pick(card, 'VRAM Total Used Memory (B)'))
    const gpu: GpuInfo = {vendor: 'amd', name: str(pick(card, 'Card Series', 'Card series')) ?? 'AMD GPU'}
    if (total !== undefined) gpu.vramTotalMiB = Math.round(total / MiB)
    if (total !== undefined && used !== undefined) gpu.vramFreeMiB = Math.round((total - used) / MiB)
    if (driver) gpu.driver = driver
    const gfx = str(pick(card, 'GFX Version'))
    if (gfx) gpu.computeCapability = gfx
    const bus = str(pick(card, 'PCI Bus'))
    if (bus) gpu.busId = bus
    const draw = num(pick(card, 'Average Graphics Package Power (W)', 'Current Socket Graphics Package Power (W)'))
    if (draw !== undefined) gpu.powerDrawW = draw
    const limit = num(pick(card, 'Max Graphics Package Power (W)'))
    if (limit !== undefined) gpu.powerLimitW = limit
    gpus.push(gpu)
  }
  return gpus
}
