import {comparePoints} from './build-model.js'
import {
  axes,
  color,
  day,
  type Figure,
  fmt,
  groupName,
  line,
  noData,
  runName,
  type Section,
  seriesName,
} from './chart-kit.js'
import {binEdges, histogram} from './histogram.js'
import type {BenchGroup, BenchRun, PointRow} from './types.js'

function pointLabels(runs: BenchRun[]): string[] {
  const byLabel = new Map<string, PointRow>()
  for (const r of runs) for (const p of r.points) if (!byLabel.has(p.label)) byLabel.set(p.label, p)
  return [...byLabel.values()].sort(comparePoints).map((p) => p.label)
}

/** A point where no request completed measured nothing: it has no throughput or latency, not zero. */
const measured = (p: PointRow) => p.completed > 0 || p.outputThroughput > 0
/** A figure of a point for a table cell: "no data" where nothing was measured, "n/a" where it could not be. */
const cell = (p: PointRow, value: number | null, digits?: number) =>
  !measured(p) ? noData : value === null ? 'n/a' : fmt(value, digits)
/** A figure resting on output token counts: marked where the client estimated them (no usage from the server). */
const tokenCell = (p: PointRow, value: number | null) =>
  `${cell(p, value)}${measured(p) && value !== null && p.tokensEstimated ? ' (est.)' : ''}`

function seriesBy(run: BenchRun, labels: string[], pick: (p: PointRow) => number): (number | null)[] {
  return labels.map((l) => {
    const p = run.points.find((q) => q.label === l)
    return p && measured(p) ? pick(p) : null
  })
}

/** One line when the runs of a chart measured different workloads, so nobody reads them as one comparison. */
function workloadNote(runs: BenchRun[]): string {
  const workloads = [...new Set(runs.map((r) => r.run.workload ?? 'not recorded'))]
  return workloads.length > 1
    ? ` These runs measured different workloads (${workloads.join('; ')}): each series is labelled with its own.`
    : ''
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
          label: seriesName(runs[i]!.run),
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

export function benchSection(group: BenchGroup, index: number): Section {
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
              seriesName(r.run),
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
          tokenCell(p, p.outputThroughput),
          cell(p, p.requestThroughput, 2),
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
              `${seriesName(r.run)} median`,
              seriesBy(r, labels, (p) => p.medianTtftMs),
              2 * i,
            ),
            {
              ...line(
                `${seriesName(r.run)} p99`,
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
        columns: [
          'Run',
          'Point',
          'Median TTFT (ms)',
          'Median content TTFT (ms)',
          'P99 TTFT (ms)',
          'Mean TPOT (ms)',
          'Median ITL per chunk (ms)',
        ],
        rows: pointRows((p) => [
          cell(p, p.medianTtftMs),
          cell(p, p.medianContentTtftMs),
          cell(p, p.p99TtftMs),
          tokenCell(p, p.meanTpotMs),
          cell(p, p.medianItlMs),
        ]),
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
              seriesName(r.run),
              r.points.filter(measured).map((p) => ({x: p.medianE2elMs, y: p.outputThroughput})),
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
        rows: pointRows((p) => [cell(p, p.medianE2elMs), tokenCell(p, p.outputThroughput)]),
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
          r.micro.map((m) => [
            runName(r.run),
            m.test,
            m.tokensPerS === null ? 'n/a (decode not observed)' : fmt(m.tokensPerS),
            m.stdTokensPerS === null ? 'n/a' : fmt(m.stdTokensPerS),
            String(m.repetitions),
          ]),
        ),
      },
    })
  return {
    id,
    title: `Serving: ${groupName(group)}`,
    intro: `Runs ${group.runs.map((r) => `${runName(r.run)} (${day(r.run.startedAt)})`).join(', ')}.${workloadNote(group.runs)}`,
    figures,
  }
}
