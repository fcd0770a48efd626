import type {Price} from '../cost/price-table.js'
import type {FleetEndpoint} from './fleet-candidates.js'
import type {Unreachable} from './liveness.js'
import type {ClassDecision, CloudProposal, PickResult, Ranked} from './types.js'

// The decision as a person reads it: per class, the choice and why, then every candidate's figures with the runs
// they come from and the rule that excluded it; then what to run for the evidence that is missing.

const show = (key: string, value: number | null) => {
  if (value === null) return 'n/a'
  if (/accuracy|resolved/.test(key)) return `${(value * 100).toFixed(1)}%`
  return Number.isInteger(value) ? String(value) : value.toFixed(1)
}

function table(rows: Ranked[]): string[] {
  const first = rows[0]
  if (!first) return ['    (no candidates)']
  const keys = Object.keys(first.figures)
  const header = ['candidate', ...keys, 'runs', 'verdict']
  const body = rows.map((r, i) => [
    r.candidate,
    ...keys.map((k) => `${show(k, r.figures[k] ?? null)}${r.estimated?.includes(k) ? ' (est.)' : ''}`),
    r.runIds.map((id) => `#${id}`).join(' ') || '—',
    r.excludedBy ? `excluded: ${r.excludedBy}` : i === 0 ? 'chosen' : `fallback ${i}`,
  ])
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((b) => (b[c] ?? '').length)))
  const line = (cells: string[]) => `    ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')}`.trimEnd()
  return [line(header), ...body.map(line)]
}

/** Whole cents as `$0.30`, finer prices as written (`$0.075`). */
const usd = (x: number) => `$${Math.abs(Math.round(x * 100) - x * 100) < 1e-9 ? x.toFixed(2) : String(x)}`

/** `$3.00 in, $0.30 cached, $15.00 out per million tokens`. */
export function priceText(p: Price): string {
  const cached = p.cachedInput === undefined ? '' : `, ${usd(p.cachedInput)} cached`
  return `${usd(p.input)} in${cached}, ${usd(p.output)} out per million tokens`
}

function renderCloud(c: CloudProposal): string[] {
  return [
    `  cloud overflow proposed: ${c.target} — ${c.reason}`,
    `    price: ${priceText(c.price)} (${c.priceSource})`,
    ...(c.evidence ? table([c.evidence]) : ['    evidence: none stored']),
  ]
}

function renderClass(d: ClassDecision): string[] {
  const head = d.chosen ? `${d.taskClass}: ${d.model} — ${d.reason}` : `${d.taskClass}: none — ${d.reason}`
  const missing = d.missing.length ? ['  missing evidence; run:', ...d.missing.map((m) => `    ${m}`)] : []
  return [head, ...table(d.ranking), ...missing, ...(d.cloud ? renderCloud(d.cloud) : []), '']
}

/** Why no cloud model was proposed although the routing file has some. */
function cloudOff(result: PickResult, hint: string): string[] {
  const c = result.cloud
  if (!c || c.allowed || result.classes.every((d) => d.chosen || d.taskClass === 'embeddings')) return []
  return [`Cloud models in ${c.file} (${c.models}) not proposed: the cloud is off (${hint}).`, '']
}

export function renderPick(
  result: PickResult & {
    unreachable?: Unreachable[]
    written?: {path: string; decisionId: number}
    fleet?: FleetEndpoint[]
  },
  allowCloudHint = 'set "allowCloud": true in your own settings.json',
): string {
  const fleet = result.fleet
    ? [`Fleet: ${result.fleet.map((f) => `${f.host} (${f.model})`).join(', ') || 'no host serves a model'}`]
    : []
  const lines = [
    ...fleet,
    `Hardware ${result.hardwareFingerprint ?? 'unknown'}; runs from other machines are not compared.`,
    'Speed figures come from the whole coding set at concurrency 1, accuracy from the whole tool-calling suite, SWE rates',
    'from a whole SWE dataset; narrower runs are not used. (est.): from estimated token counts. n/a: not measured.',
    '',
    ...result.classes.flatMap(renderClass),
    ...cloudOff(result, allowCloudHint),
  ]
  if (result.unreachable?.length)
    lines.push(
      'Left out, not served now (register the engine again, or start it, and pick again):',
      ...result.unreachable.map((u) => `  ${u.candidate}: ${u.reason}`),
      '',
    )
  if (result.written)
    lines.push(`Router config written to ${result.written.path} (decision #${result.written.decisionId}).`)
  return lines.join('\n')
}
