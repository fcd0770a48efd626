import type {HardwareReport} from '../hardware/types.js'
import type {MatchRule} from './schema.js'

export interface ProfileMatch {
  id: string
  priority: number
  /** Why it matched, e.g. "2 × NVIDIA GeForce RTX 4090". */
  reason: string
}

/** Whether a profile's rule holds on this hardware; undefined when it does not. */
export function matchRule(rule: MatchRule, hw: HardwareReport): string | undefined {
  if (rule.gpu) {
    const {vendor, name, minCount, minVramMiB} = rule.gpu
    const gpus = hw.gpus.filter(
      (g) =>
        g.vendor === vendor &&
        (!name || g.name.toLowerCase().includes(name.toLowerCase())) &&
        (!minVramMiB || (g.vramTotalMiB ?? 0) >= minVramMiB),
    )
    if (gpus.length < minCount) return undefined
    return `${gpus.length} × ${gpus[0]?.name}`
  }
  if (rule.apple) {
    const {chip, minMemoryGiB} = rule.apple
    if (!hw.apple) return undefined
    if (chip && !hw.apple.chip.toLowerCase().includes(chip.toLowerCase())) return undefined
    if (minMemoryGiB && hw.apple.unifiedMemoryGiB < minMemoryGiB) return undefined
    return `${hw.apple.chip} with ${hw.apple.unifiedMemoryGiB} GB`
  }
  return rule.any ? 'fallback profile (no more specific profile matches)' : undefined
}

/** The profile for this hardware: the matching rule with the highest priority. */
export function matchProfile(profiles: {id: string; match: MatchRule}[], hw: HardwareReport): ProfileMatch | undefined {
  const matches: ProfileMatch[] = []
  for (const p of profiles) {
    const reason = matchRule(p.match, hw)
    if (reason) matches.push({id: p.id, priority: p.match.priority, reason})
  }
  return matches.sort((a, b) => b.priority - a.priority)[0]
}

const vendorName = {nvidia: 'NVIDIA', amd: 'AMD', intel: 'Intel'} as const

/** What a rule asks for, in words: "2 × NVIDIA GPU named RTX 4090", "an Apple M4 Max with ≥ 64 GB". */
export function describeRule(rule: MatchRule): string {
  if (rule.gpu) {
    const {vendor, name, minCount, minVramMiB} = rule.gpu
    const vram = minVramMiB ? ` with ≥ ${Math.round(minVramMiB / 1024)} GiB` : ''
    return `${minCount} × ${vendorName[vendor]} GPU${name ? ` named ${name}` : ''}${vram}`
  }
  if (rule.apple)
    return `an Apple ${rule.apple.chip ?? 'Silicon chip'}${rule.apple.minMemoryGiB ? ` with ≥ ${rule.apple.minMemoryGiB} GB` : ''}`
  return 'any machine'
}

/** The hardware in one line: its GPUs or Apple chip, else "no GPU", with CPU and memory. */
export function describeHardware(hw: HardwareReport): string {
  const gpus = hw.gpus.map((g) => `${g.name}${g.vramTotalMiB ? ` (${Math.round(g.vramTotalMiB / 1024)} GiB)` : ''}`)
  const accelerator = hw.apple
    ? `${hw.apple.chip} with ${hw.apple.unifiedMemoryGiB} GB`
    : gpus.length
      ? gpus.join(', ')
      : 'no GPU'
  return `${accelerator}; ${hw.cpu.model}, ${hw.ramGiB} GiB RAM`
}
