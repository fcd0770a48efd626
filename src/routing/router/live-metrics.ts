import type {DashboardSnapshot} from './live-stats.js'

// The dashboard's figures as Prometheus families, appended to /metrics: the page and a scraper read the same numbers.

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')

export function renderLiveMetrics(s: DashboardSnapshot): string {
  const lines: string[] = []
  const family = (name: string, type: string, help: string) =>
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
  const per = (name: string, f: (m: DashboardSnapshot['models'][number]) => number) => {
    for (const m of s.models) lines.push(`${name}{upstream="${label(m.upstream)}",model="${label(m.model)}"} ${f(m)}`)
  }
  family('oac_router_model_requests_total', 'counter', 'Requests an upstream answered, per upstream and model.')
  per('oac_router_model_requests_total', (m) => m.requests)
  family('oac_router_model_errors_total', 'counter', 'Of those, answered with an error status or broken mid-reply.')
  per('oac_router_model_errors_total', (m) => m.errors)
  family(
    'oac_router_model_detours_total',
    'counter',
    'Of those, answered after a failed candidate, a skipped one or overflow.',
  )
  per('oac_router_model_detours_total', (m) => m.fallbacks)
  family(
    'oac_router_output_tokens_total',
    'counter',
    'Reply tokens (usage, or counted by the router when a reply had none).',
  )
  per('oac_router_output_tokens_total', (m) => m.outputTokens)
  family('oac_router_queued', 'gauge', 'Requests waiting for a slot under maxConcurrent, per upstream.')
  for (const u of s.upstreams) lines.push(`oac_router_queued{upstream="${label(u.name)}"} ${u.queued}`)
  family('oac_router_cloud_spend_usd', 'gauge', 'Cloud spend of the current local day and month, per cloud upstream.')
  for (const c of s.cloud) {
    lines.push(`oac_router_cloud_spend_usd{upstream="${label(c.upstream)}",period="day"} ${c.todayUsd}`)
    lines.push(`oac_router_cloud_spend_usd{upstream="${label(c.upstream)}",period="month"} ${c.monthUsd}`)
  }
  family(
    'oac_router_local_energy_wh_total',
    'counter',
    "Energy of local requests since the router started (their share of the GPUs' power).",
  )
  lines.push(`oac_router_local_energy_wh_total ${s.localEnergyWh}`)
  const gpu = (name: string, help: string, f: (g: DashboardSnapshot['gpus']['gpus'][number]) => number | undefined) => {
    family(name, 'gauge', help)
    for (const g of s.gpus.gpus) {
      const v = f(g)
      if (v !== undefined) lines.push(`${name}{gpu="${g.index}",name="${label(g.name)}"} ${v}`)
    }
  }
  gpu('oac_gpu_utilization_percent', 'GPU utilization, latest reading.', (g) => g.utilizationPct)
  gpu('oac_gpu_memory_used_mib', 'GPU memory used, latest reading.', (g) => g.memoryUsedMiB)
  gpu('oac_gpu_power_watts', 'GPU power draw, latest reading.', (g) => g.powerW)
  gpu('oac_gpu_temperature_celsius', 'GPU temperature, latest reading.', (g) => g.temperatureC)
  return `${lines.join('\n')}\n`
}
