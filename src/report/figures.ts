import {comparePoints} from './build-model.js'
import {binEdges, histogram} from './histogram.js'
import type {BenchGroup, BenchRun, PointRow, ReportModel, RunRef, ToolRun} from './types.js'

// From the data model to what the page shows: sections of figures, each a Chart.js config (plain JSON) with the table
// of its exact numbers, and plain tables. Every cell is text here; the HTML renderer escapes it.

export interface Table {
  columns: string[]
  rows: string[][]
}

/** A Chart.js configuration, JSON only (no callbacks), so it can travel inside the page as data. */
export interface ChartConfig {
  type: 'line' | 'bar' | 'scatter'
  data: {labels?: string[]; datasets: Record<string, unknown>[]}
  options: Record<string, unknown>
}

export interface Figure {
  id: string
  title: string
  note?: string
  chart?: ChartConfig
  table: Table
}

export interface Section {
  id: string
  title: string
  intro?: string
  figures: Figure[]
}

const palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569']
const color = (i: number) => palette[i % palette.length] as string

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—')
export const pct = (n: number) => `${fmt(n * 100)}%`
export const usd = (n: number) => `$${Math.abs(n) < 1 ? n.toFixed(3) : n.toFixed(2)}`
export const runName = (r: RunRef) => `#${r.id}${r.status === 'complete' ? '' : ` (${r.status})`}`
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ')
const groupName = (g: {model: string; engine?: string}) => (g.engine ? `${g.model} on ${g.engine}` : g.model)

function axes(x: string, y: string, extra: {xLinear?: boolean; yMax?: number} = {}): Record<string, unknown> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: {legend: {position: 'bottom'}},
    scales: {
      x: {...(extra.xLinear ? {type: 'linear'} : {}), title: {display: true, text: x}},
      y: {beginAtZero: true, ...(extra.yMax !== undefined ? {max: extra.yMax} : {}), title: {display: true, text: y}},
    },
  }
}

const line = (label: string, data: unknown[], i: number) => ({
  label,
  data,
  borderColor: color(i),
  backgroundColor: color(i),
  spanGaps: true,
  tension: 0,
})

/** Point labels of every run in the group, in sweep order. */
function pointLabels(runs: BenchRun[]): string[] {
  const byLabel = new Map<string, PointRow>()
  for (const r of runs) for (const p of r.points) if (!byLabel.has(p.label)) byLabel.set(p.label, p)
  return [...byLabel.values()].sort(comparePoints).map((p) => p.label)
}

function seriesBy(run: BenchRun, labels: string[], pick: (p: PointRow) => number): (number | null)[] {
  return labels.map((l) => {
    const p = run.points.find((q) => q.label === l)
    return p ? pick(p) : null
  })
}

function latencyHistogram(id: string, title: string, runs: BenchRun[], pick: (r: BenchRun) => number[]): Figure {
  const edges = binEdges(runs.flatMap(pick))
  const hists = runs.map((r) => histogram(pick(r), edges))
  const labels = edges.slice(0, -1).map((e, i) => `${fmt(e)}–${fmt(edges[i + 1] as number)}`)
  return {
    id,
    title,
    note: `${runs.reduce((n, r) => n + pick(r).length, 0)} values from the stored samples of successful requests.`,
    chart: {
      type: 'bar',
      data: {
        labels,
        datasets: hists.map((h, i) => ({
          label: `run ${runName(runs[i]!.run)}`,
          data: h.counts,
          backgroundColor: color(i),
          barPercentage: 1,
          categoryPercentage: 0.9,
        })),
      },
      options: axes('ms', 'count'),
    },
    table: {
      columns: ['Bin (ms)', ...runs.map((r) => `Run ${runName(r.run)}`)],
      rows: labels.map((l, b) => [l, ...hists.map((h) => String(h.counts[b]))]),
    },
  }
}

function benchSection(group: BenchGroup, index: number): Section {
  const id = `bench-${index + 1}`
  const runs = group.runs.filter((r) => r.points.length)
  const labels = pointLabels(runs)
  const figures: Figure[] = []
  const pointRows = (cells: (p: PointRow) => string[]) =>
    runs.flatMap((r) => r.points.map((p) => [runName(r.run), p.label, ...cells(p)]))
  if (runs.length) {
    figures.push({
      id: `${id}-throughput`,
      title: 'Output tokens/s vs concurrency',
      chart: {
        type: 'line',
        data: {
          labels,
          datasets: runs.map((r, i) =>
            line(
              `run ${runName(r.run)}`,
              seriesBy(r, labels, (p) => p.outputThroughput),
              i,
            ),
          ),
        },
        options: axes('concurrency', 'output tok/s'),
      },
      table: {
        columns: ['Run', 'Point', 'Output tok/s', 'Requests/s', 'Completed', 'Failed'],
        rows: pointRows((p) => [
          fmt(p.outputThroughput),
          fmt(p.requestThroughput, 2),
          String(p.completed),
          String(p.failed),
        ]),
      },
    })
    figures.push({
      id: `${id}-ttft`,
      title: 'Time to first token vs concurrency',
      chart: {
        type: 'line',
        data: {
          labels,
          datasets: runs.flatMap((r, i) => [
            line(
              `run ${runName(r.run)} median`,
              seriesBy(r, labels, (p) => p.medianTtftMs),
              2 * i,
            ),
            {
              ...line(
                `run ${runName(r.run)} p99`,
                seriesBy(r, labels, (p) => p.p99TtftMs),
                2 * i + 1,
              ),
              borderDash: [6, 4],
            },
          ]),
        },
        options: axes('concurrency', 'TTFT (ms)'),
      },
      table: {
        columns: ['Run', 'Point', 'Median TTFT (ms)', 'P99 TTFT (ms)', 'Mean TPOT (ms)', 'Median ITL (ms)'],
        rows: pointRows((p) => [fmt(p.medianTtftMs), fmt(p.p99TtftMs), fmt(p.meanTpotMs), fmt(p.medianItlMs)]),
      },
    })
  }
  const sampled = group.runs.filter((r) => r.ttftMs.length)
  if (sampled.length) figures.push(latencyHistogram(`${id}-ttft-hist`, 'TTFT distribution', sampled, (r) => r.ttftMs))
  const gapped = group.runs.filter((r) => r.itlMs.length)
  if (gapped.length)
    figures.push(latencyHistogram(`${id}-itl-hist`, 'Inter-token latency distribution', gapped, (r) => r.itlMs))
  if (runs.length)
    figures.push({
      id: `${id}-tradeoff`,
      title: 'Throughput vs latency',
      note: 'Each point is one point of the sweep: higher and further left is better.',
      chart: {
        type: 'scatter',
        data: {
          datasets: runs.map((r, i) => ({
            ...line(
              `run ${runName(r.run)}`,
              r.points.map((p) => ({x: p.medianE2elMs, y: p.outputThroughput})),
              i,
            ),
            showLine: true,
            pointRadius: 4,
          })),
        },
        options: axes('median end-to-end latency (ms)', 'output tok/s', {xLinear: true}),
      },
      table: {
        columns: ['Run', 'Point', 'Median E2E latency (ms)', 'Output tok/s'],
        rows: pointRows((p) => [fmt(p.medianE2elMs), fmt(p.outputThroughput)]),
      },
    })
  const micro = group.runs.filter((r) => r.micro.length)
  if (micro.length)
    figures.push({
      id: `${id}-micro`,
      title: 'Micro benchmark (llama-bench style)',
      table: {
        columns: ['Run', 'Test', 'Tokens/s', 'Std', 'Repetitions'],
        rows: micro.flatMap((r) =>
          r.micro.map((m) => [runName(r.run), m.test, fmt(m.tokensPerS), fmt(m.stdTokensPerS), String(m.repetitions)]),
        ),
      },
    })
  return {
    id,
    title: `Serving: ${groupName(group)}`,
    intro: `Runs ${group.runs.map((r) => `${runName(r.run)} (${day(r.run.startedAt)})`).join(', ')}.`,
    figures,
  }
}

function categoriesOf(runs: ToolRun[]): string[] {
  return [...new Set(runs.flatMap((r) => Object.keys(r.categories)))].sort()
}

function toolsSection(tools: ToolRun[]): Section {
  const figures: Figure[] = []
  // Bars: the newest run of each model, overall and per category.
  const latest = [...new Map(tools.map((t) => [t.run.model, t])).values()]
  const cats = categoriesOf(latest)
  const cell = (t: ToolRun, c: string) => {
    const v = t.categories[c]
    return v ? `${pct(v.accuracy)} (${v.passed}/${v.total})` : '—'
  }
  figures.push({
    id: 'tools-categories',
    title: 'Tool-calling accuracy per category',
    note: 'The newest run of each model.',
    chart: {
      type: 'bar',
      data: {
        labels: ['overall', ...cats],
        datasets: latest.map((t, i) => ({
          label: `${t.run.model} (run ${runName(t.run)})`,
          data: [t.accuracy * 100, ...cats.map((c) => (t.categories[c] ? t.categories[c].accuracy * 100 : null))],
          backgroundColor: color(i),
        })),
      },
      options: axes('category', 'accuracy (%)', {yMax: 100}),
    },
    table: {
      columns: ['Category', ...latest.map((t) => `${t.run.model} (run ${runName(t.run)})`)],
      rows: [
        ['overall', ...latest.map((t) => `${pct(t.accuracy)} (${t.attempts} attempts)`)],
        ...cats.map((c) => [c, ...latest.map((t) => cell(t, c))]),
      ],
    },
  })
  const models = [...new Set(tools.map((t) => t.run.model))]
  models.forEach((model, m) => {
    const runs = tools.filter((t) => t.run.model === model)
    const mc = categoriesOf(runs)
    const labels = runs.map((t) => `#${t.run.id} ${day(t.run.startedAt)}`)
    figures.push({
      id: `tools-history-${m + 1}`,
      title: `Tool-calling accuracy over time: ${model}`,
      chart: {
        type: 'line',
        data: {
          labels,
          datasets: [
            {
              ...line(
                'overall',
                runs.map((t) => t.accuracy * 100),
                0,
              ),
              borderWidth: 3,
            },
            ...mc.map((c, i) =>
              line(
                c,
                runs.map((t) => (t.categories[c] ? t.categories[c].accuracy * 100 : null)),
                i + 1,
              ),
            ),
          ],
        },
        options: axes('run', 'accuracy (%)', {yMax: 100}),
      },
      table: {
        columns: ['Run', 'Started', 'Overall', ...mc],
        rows: runs.map((t) => [runName(t.run), day(t.run.startedAt), pct(t.accuracy), ...mc.map((c) => cell(t, c))]),
      },
    })
  })
  return {id: 'tools', title: 'Tool-calling reliability', figures}
}

function energySection(model: ReportModel): Section {
  const {options, energy} = model
  const intro =
    `Estimate: GPU power from the stored hardware (the board power limit, the most a GPU draws under load; else the ` +
    `draw read by oac detect), divided by the measured output throughput; CPU, RAM and PSU losses are left out. ` +
    `Electricity at ${usd(options.electricityPrice)}/kWh; cloud at ${usd(options.cloudPrice)} per million output ` +
    `tokens; break-even at the measured throughput for ${fmt(options.hoursPerDay, 0)} h a day.` +
    (model.energyNote ? ` ${model.energyNote}` : '')
  const figures: Figure[] = []
  if (energy.length) {
    const labels = energy.map((e) => `#${e.runId} ${e.point}`)
    figures.push({
      id: 'energy-wh',
      title: 'Energy per million output tokens (estimate)',
      chart: {
        type: 'bar',
        data: {
          labels,
          datasets: [
            {label: 'Wh per million output tokens', data: energy.map((e) => e.whPerMTok), backgroundColor: color(3)},
          ],
        },
        options: axes('run and point', 'Wh / M tokens'),
      },
      table: {
        columns: ['Run', 'Model', 'Point', 'Output tok/s', 'GPU power (W)', 'Power from', 'Wh / M tokens'],
        rows: energy.map((e) => [
          `#${e.runId}`,
          e.engine ? `${e.model} on ${e.engine}` : e.model,
          e.point,
          fmt(e.outputThroughput),
          fmt(e.powerW, 0),
          e.powerSource,
          fmt(e.whPerMTok),
        ]),
      },
    })
    figures.push({
      id: 'energy-cost',
      title: 'Cost per million output tokens: local electricity vs cloud',
      chart: {
        type: 'bar',
        data: {
          labels,
          datasets: [
            {
              label: 'local electricity (USD / M tokens)',
              data: energy.map((e) => e.electricityUsdPerMTok),
              backgroundColor: color(2),
            },
            {label: 'cloud (USD / M tokens)', data: energy.map((e) => e.cloudUsdPerMTok), backgroundColor: color(1)},
          ],
        },
        options: axes('run and point', 'USD / M tokens'),
      },
      table: {
        columns: [
          'Run',
          'Point',
          'Electricity / M tokens',
          'Cloud / M tokens',
          'Saving / M tokens',
          'Hardware cost',
          'Break-even (months)',
        ],
        rows: energy.map((e) => [
          `#${e.runId}`,
          e.point,
          usd(e.electricityUsdPerMTok),
          usd(e.cloudUsdPerMTok),
          usd(e.savingUsdPerMTok),
          e.hardwareCostUsd === undefined ? 'unknown' : usd(e.hardwareCostUsd),
          e.breakEvenMonths === undefined ? '—' : e.breakEvenMonths === null ? 'never' : fmt(e.breakEvenMonths),
        ]),
      },
    })
  }
  return {id: 'energy', title: 'Energy and cost (estimate)', intro, figures}
}

function hardwareSection(model: ReportModel): Section {
  const figures: Figure[] = model.hardware.map((h, i) => ({
    id: `hardware-${i + 1}`,
    title: h.fingerprint === 'unknown' ? 'Hardware not recorded' : `Machine ${h.fingerprint.slice(0, 12)}`,
    table: {
      columns: ['Item', 'Value'],
      rows: [
        ['Runs', h.runIds.map((id) => `#${id}`).join(', ')],
        ...(h.os ? [['OS', h.os]] : []),
        ...(h.cpu ? [['CPU', h.cpu]] : []),
        ...(h.ramGiB !== undefined ? [['RAM', `${fmt(h.ramGiB, 0)} GiB`]] : []),
        ...(h.apple ? [['Apple silicon', h.apple]] : []),
        ...h.gpus.map((g, n) => [
          `GPU ${n}`,
          [
            g.name,
            g.vramTotalMiB !== undefined ? `${fmt(g.vramTotalMiB / 1024)} GiB` : '',
            g.powerLimitW !== undefined ? `power limit ${fmt(g.powerLimitW, 0)} W` : '',
            g.powerDrawW !== undefined ? `draw at detection ${fmt(g.powerDrawW, 0)} W` : '',
          ]
            .filter(Boolean)
            .join(', '),
        ]),
        ['Profile', h.profile ?? 'unknown'],
        ['Hardware cost', h.hardwareCostUsd === undefined ? 'unknown' : usd(h.hardwareCostUsd)],
      ],
    },
  }))
  figures.push({
    id: 'runs',
    title: 'Runs in this report',
    table: {
      columns: ['Run', 'Kind', 'Model', 'Engine', 'Status', 'Started'],
      rows: model.runs.map((r) => [`#${r.id}`, r.kind, r.model, r.engine ?? '—', r.status, day(r.startedAt)]),
    },
  })
  return {id: 'hardware', title: 'Hardware and profile', figures}
}

export function buildSections(model: ReportModel): Section[] {
  const sections = [hardwareSection(model)]
  model.bench.forEach((g, i) => {
    sections.push(benchSection(g, i))
  })
  if (model.tools.length) sections.push(toolsSection(model.tools))
  if (model.bench.length) sections.push(energySection(model))
  return sections
}
