import type {HardwareReport} from './types.js'

/** `oac detect` for a person: OS, CPU, RAM, each GPU, the vendor tools that answered or not. */
export function renderHardware(hw: HardwareReport, profile?: {id: string; reason: string}): string {
  const lines = [
    `OS       ${hw.os.distro ?? hw.os.platform} ${hw.os.release ?? ''} (${hw.os.platform}/${hw.os.arch})`.trimEnd(),
    `CPU      ${hw.cpu.model}, ${hw.cpu.physicalCores ?? hw.cpu.cores} cores / ${hw.cpu.cores} threads`,
    `RAM      ${hw.ramGiB} GiB${hw.diskFreeGiB !== undefined ? `, ${hw.diskFreeGiB} GiB free disk` : ''}`,
  ]
  if (hw.apple)
    lines.push(
      `Apple    ${hw.apple.chip}, ${hw.apple.unifiedMemoryGiB} GB unified memory${hw.apple.gpuCores ? `, ${hw.apple.gpuCores} GPU cores` : ''}`,
    )
  if (!hw.gpus.length) lines.push('GPU      none found')
  hw.gpus.forEach((g, i) => {
    if (g.vendor === 'apple') return
    const mem = g.vramTotalMiB
      ? `${(g.vramTotalMiB / 1024).toFixed(1)} GiB${g.vramFreeMiB !== undefined ? ` (${(g.vramFreeMiB / 1024).toFixed(1)} free)` : ''}`
      : 'memory unknown'
    const extra = [
      g.driver && `driver ${g.driver}`,
      g.cudaVersion && `CUDA ${g.cudaVersion}`,
      g.computeCapability && (g.vendor === 'nvidia' ? `compute ${g.computeCapability}` : g.computeCapability),
    ].filter(Boolean)
    lines.push(`GPU ${i}    ${g.name}, ${mem}${extra.length ? `, ${extra.join(', ')}` : ''}`)
  })
  for (const p of hw.probes) lines.push(`tool     ${p.tool}: ${p.status}${p.detail ? ` (${p.detail})` : ''}`)
  lines.push(profile ? `profile  ${profile.id} (${profile.reason})` : 'profile  none matches')
  return lines.join('\n')
}
