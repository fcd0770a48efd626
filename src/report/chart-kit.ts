import type {RunRef} from './types.js'

// The pieces every section is made of: a figure is a Chart.js config (plain JSON) with the table
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
/** The palette first, then hues a golden angle apart (lightness alternating), so no two series share a colour. */
export const color = (i: number) =>
  palette[i] ?? `hsl(${(((i - palette.length) * 137.508 + 20) % 360) | 0}, 70%, ${i % 2 ? 38 : 50}%)`

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—')
export const pct = (n: number) => `${fmt(n * 100)}%`
export const usd = (n: number) => `$${Math.abs(n) < 1 ? n.toFixed(3) : n.toFixed(2)}`
/** A profile's hardware cost: 0 is a box with nothing to buy (the cpu profile), never "$0.000". */
export const hardwareCost = (n: number | undefined) =>
  n === undefined ? 'unknown' : n === 0 ? 'none (no hardware to buy)' : usd(n)
export const runName = (r: RunRef) => `#${r.id}${r.status === 'complete' ? '' : ` (${r.status})`}`
/** A series' label: the run, and what it measured when that is known. */
export const seriesName = (r: RunRef) => `run ${runName(r)}${r.workload ? ` · ${r.workload}` : ''}`
/** What a table cell shows for a figure that was not measured (a point where no request completed). */
export const noData = 'no data'
/** A rate over nothing (no call made) is not 0% or 100%. */
export const pctOrNa = (n: number | null) => (n === null ? 'n/a' : pct(n))
export const day = (iso: string) => iso.slice(0, 16).replace('T', ' ')
export const groupName = (g: {model: string; engine?: string}) => (g.engine ? `${g.model} on ${g.engine}` : g.model)

export function axes(x: string, y: string, extra: {xLinear?: boolean; yMax?: number} = {}): Record<string, unknown> {
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

export const line = (label: string, data: unknown[], i: number) => ({
  label,
  data,
  borderColor: color(i),
  backgroundColor: color(i),
  spanGaps: true,
  tension: 0,
})

/** Point labels of every run in the group, in sweep order. */
