import type {FleetPlan} from './types.js'

const cmd = (argv: string[]) =>
  argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')

/** The fleet plan as text: split, memory per host, network verdict, then the launch commands in order. */
export function renderFleetPlan(plan: FleetPlan): string {
  const {layout} = plan
  const lines = [
    `${plan.model} (${plan.quantization}) on ${layout.hosts} hosts with ${plan.engine}: ${layout.kind} parallel, TP ${layout.tensorParallel} × PP ${layout.pipelineParallel}`,
    `context ${plan.context} × ${plan.parallel} sequence(s); ${plan.singleHostFits ? 'one host could hold it alone' : 'no single host holds it'}`,
    '',
    'host            profile      devices  share  weights GiB  KV GiB  per device GiB  fits',
  ]
  for (const h of plan.hosts)
    lines.push(
      [
        h.host.padEnd(15),
        h.profile.padEnd(12),
        String(h.devices).padStart(7),
        h.share.toFixed(2).padStart(6),
        h.weightsGiB.toFixed(1).padStart(12),
        h.kvCacheGiB.toFixed(1).padStart(7),
        `${h.requiredPerDeviceGiB.toFixed(1)} / ${h.usablePerDeviceGiB.toFixed(1)}`.padStart(15),
        h.fits ? ' yes' : ' NO',
      ].join(' '),
    )
  lines.push('', `network: ${plan.network.gbps} Gb/s, ${plan.network.verdict}: ${plan.network.reason}`)
  if (plan.refused) lines.push('', `refused: ${plan.refused}`)
  if (plan.launch.length) {
    lines.push('', 'launch, in order:')
    for (const step of plan.launch) lines.push(`  [${step.host}] ${cmd(step.command)}`)
  }
  for (const f of plan.files)
    lines.push(
      '',
      `file ${f.path} on ${f.host}:`,
      ...f.content
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    )
  if (plan.notes.length) lines.push('', ...plan.notes.map((n) => `note: ${n}`))
  return lines.join('\n')
}
