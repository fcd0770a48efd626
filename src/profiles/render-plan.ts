import type {Plan} from './plan.js'

const gib = (x: number) => `${x.toFixed(1)} GiB`

/** The plan as a person reads it: engine, one line per model, the fit, and what to change when it does not fit. */
export function renderPlan(plan: Plan): string {
  const lines = [
    `Profile ${plan.profile}: engine ${plan.engine}${plan.tensorParallel > 1 ? ` (tensor parallel ${plan.tensorParallel})` : ''}, KV cache ${plan.kvCacheType}`,
    ...plan.notes.map((n) => `  note: ${n}`),
    '',
    '  role       model                              quant      context  par  weights     KV cache    overhead    total',
  ]
  for (const m of plan.models)
    lines.push(
      `  ${m.role.padEnd(10)} ${m.name.padEnd(34)} ${m.quantization.padEnd(10)} ${String(m.context).padStart(7)}  ${String(m.parallel).padStart(3)}  ${gib(m.weightsGiB).padEnd(10)}  ${gib(m.kvCacheGiB).padEnd(10)}  ${gib(m.overheadGiB).padEnd(10)}  ${gib(m.totalGiB)}`,
    )
  lines.push(
    '',
    `  memory: ${gib(plan.requiredGiB)} needed of ${gib(plan.budget.usableGiB)} usable (${plan.budget.detail})`,
    plan.fits
      ? `  fits, with ${gib(plan.headroomGiB)} to spare; the primary model could take up to ${plan.primaryMaxContext} tokens of context`
      : `  DOES NOT FIT: ${gib(-plan.headroomGiB)} short`,
  )
  if (plan.suggestions.length) lines.push('  what would fit:', ...plan.suggestions.map((s) => `    - ${s}`))
  return lines.join('\n')
}
