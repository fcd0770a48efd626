import type {CostLine, CostSummary} from './cost-summary.js'

// `oac cost` as text: local vs cloud, what all-cloud would have cost, and the break-even month of the hardware.

const usd = (n: number) => `$${n < 10 ? n.toFixed(4).replace(/(\.\d\d\d*?)0+$/, '$1') : n.toFixed(2)}`
const tokens = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n)

function lines(rows: CostLine[]): string[] {
  return rows.map(
    (l) =>
      `  ${`${l.upstream}/${l.model}`.padEnd(36)} ${String(l.requests).padStart(7)} req  in ${tokens(l.inputTokens + l.cachedTokens).padStart(7)}  out ${tokens(l.outputTokens).padStart(7)}  ${usd(l.costUsd)}${l.estimatedTokens ? `  (${l.estimatedTokens} counted by the router)` : ''}`,
  )
}

export function renderCost(s: CostSummary): string {
  const out = [`Cost ledger ${s.since.slice(0, 10)} to ${s.until.slice(0, 10)} (${s.days.toFixed(1)} days)`, '']
  const est = s.local.energyEstimated ? ', estimated from GPU power limits' : ''
  out.push(
    `Local   ${s.local.requests} requests, ${(s.local.energyWh / 1000).toFixed(3)} kWh${est}: ${usd(s.local.electricityUsd)} of electricity`,
    ...lines(s.local.lines),
    `Cloud   ${s.cloud.requests} requests: ${usd(s.cloud.costUsd)}`,
    ...lines(s.cloud.lines),
    '',
    `All cloud (every request at ${s.allCloud.model}'s price): ${usd(s.allCloud.usd)}`,
    `Saved   ${usd(s.savedUsd)} (${usd(s.savedPerMonthUsd)} a month at this rate)`,
  )
  if (!s.hardware)
    out.push('Break-even: unknown hardware cost (give --hardware-cost, or hardwareCostUsd in your profile)')
  else if (!s.breakEven)
    out.push(
      `Break-even: never at this rate (hardware ${usd(s.hardware.costUsd)}, ${s.hardware.source}; nothing saved)`,
    )
  else
    out.push(
      `Break-even: ${s.breakEven.month}, ${s.breakEven.months.toFixed(1)} months of this rate (hardware ${usd(s.hardware.costUsd)}, ${s.hardware.source})`,
    )
  return out.join('\n')
}
