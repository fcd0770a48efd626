import type {CostSummary} from '../routing/cost/cost-summary.js'
import {type Section, usd} from './chart-kit.js'

// The router's cost ledger over the last 30 days, as `oac cost` prints it: local vs cloud, all-cloud, break-even.

export function costSection(c: CostSummary): Section {
  const line = (kind: string) => (l: CostSummary['local']['lines'][number]) => [
    kind,
    `${l.upstream}/${l.model}`,
    String(l.requests),
    String(l.inputTokens + l.cachedTokens),
    String(l.outputTokens),
    usd(l.costUsd),
  ]
  const breakEven = !c.hardware
    ? "unknown hardware cost (--hardware-cost, or the profile's hardwareCostUsd)"
    : c.breakEven
      ? `${c.breakEven.month} (${c.breakEven.months.toFixed(1)} months; hardware ${usd(c.hardware.costUsd)}, ${c.hardware.source})`
      : `never at this rate (hardware ${usd(c.hardware.costUsd)})`
  return {
    id: 'cost',
    title: 'Local vs cloud cost',
    intro: `The router's cost ledger from ${c.since.slice(0, 10)} to ${c.until.slice(0, 10)} (oac cost). Local: ${(c.local.energyWh / 1000).toFixed(3)} kWh${c.local.energyEstimated ? ' (estimated from power limits)' : ''}, ${usd(c.local.electricityUsd)} of electricity; cloud: ${usd(c.cloud.costUsd)}. All cloud at ${c.allCloud.model}'s price: ${usd(c.allCloud.usd)}; saved ${usd(c.savedUsd)} (${usd(c.savedPerMonthUsd)} a month). Break-even: ${breakEven}.`,
    figures: [
      {
        id: 'cost-lines',
        title: 'Requests, tokens and cost per upstream and model',
        table: {
          columns: ['Where', 'Upstream / model', 'Requests', 'Input tokens', 'Output tokens', 'Cost'],
          rows: [...c.local.lines.map(line('local')), ...c.cloud.lines.map(line('cloud'))],
        },
      },
    ],
  }
}
