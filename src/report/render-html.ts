import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {oacVersion} from '../version.js'
import {type Figure, fmt, type Section, type Table, usd} from './figures.js'
import type {ReportModel} from './types.js'

// One self-contained HTML page: CSS, Chart.js (UMD) and the chart data inline, nothing fetched. The Content Security
// Policy forbids any request, so a page that tried one would fail loudly rather than leak.

const escapes: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}

/** Text and attribute values for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] as string)
}

/** JSON that is safe inside a <script> element: no `</script>`, `<!--` or line separators can end or bend it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** Chart.js's UMD build, from the installed package (its exports map hides dist/, so resolve the main file). */
export function chartJsSource(): string {
  const main = createRequire(import.meta.url).resolve('chart.js')
  return readFileSync(join(dirname(main), 'chart.umd.js'), 'utf8')
}

/** Inline script text must not contain `</script`; Chart.js has none, but check rather than trust. */
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1')
}

const css = `
:root{color-scheme:light;--fg:#111827;--muted:#4b5563;--line:#e5e7eb;--bg:#fff;--card:#f9fafb;--accent:#2563eb}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
header{padding-top:24px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.3rem;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;margin:0 0 8px}
p{margin:0 0 12px}
.muted{color:var(--muted);font-size:.9rem}
nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:8px 0 0}
nav a{color:var(--accent);text-decoration:none}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr));gap:16px}
figure{margin:0;padding:12px;background:var(--card);border:1px solid var(--line);border-radius:8px;min-width:0}
figure.wide{grid-column:1/-1}
.chart{position:relative;height:320px;width:100%}
.chart canvas{max-width:100%}
.table-wrap{overflow-x:auto;margin-top:8px;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.85rem;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{background:#f3f4f6;font-weight:600}
td.num,th.num{text-align:right}
.note{margin-top:6px}
footer{padding:24px 16px;color:var(--muted);font-size:.85rem}
@media (max-width:600px){
  body{font-size:15px}
  h1{font-size:1.3rem}
  .chart{height:240px}
  figure{padding:8px}
  th,td{padding:3px 6px}
}
@media print{
  body{font-size:11pt}
  nav{display:none}
  header,main,footer{max-width:none;padding:0}
  .figures{display:block}
  figure{break-inside:avoid;page-break-inside:avoid;border:none;background:none;padding:0;margin:0 0 16px}
  .chart{height:260px}
  .table-wrap{overflow:visible}
  th,td{white-space:normal}
  h2{break-after:avoid;page-break-after:avoid}
}
`

// Draws every chart from the JSON data; tests and --png wait for window.oacChartsReady.
const boot = `
(function(){
  var data = JSON.parse(document.getElementById('oac-charts').textContent);
  var charts = [];
  if (typeof Chart === 'undefined') { console.error('Chart.js did not load'); return; }
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  for (var i = 0; i < data.length; i++) {
    var canvas = document.getElementById(data[i].id);
    if (canvas) charts.push(new Chart(canvas, data[i].config));
  }
  window.addEventListener('beforeprint', function(){ charts.forEach(function(c){ c.resize(); }); });
  window.oacChartsReady = charts.length;
})();
`

const numeric = /^[-+$]?[\d.,]+(%| \(.*\))?$/

function renderTable(table: Table, caption: string): string {
  const isNum = table.columns.map((_, c) => table.rows.length > 0 && table.rows.every((r) => numeric.test(r[c] ?? '')))
  const cls = (c: number) => (isNum[c] ? ' class="num"' : '')
  const head = table.columns.map((h, c) => `<th scope="col"${cls(c)}>${escapeHtml(h)}</th>`).join('')
  const body = table.rows
    .map((r) => `<tr>${r.map((cell, c) => `<td${cls(c)}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n')
  return `<div class="table-wrap"><table><caption class="muted" hidden>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`
}

// Half of the 1,200 px page, less padding: a table wider than this would be cut off in a two-column row.
const halfWidthPx = 540

/**
 * Whether a table needs the whole row: its widest cell per column at ~7.5 px a character (0.85rem tabular figures)
 * plus 16 px of cell padding, summed, against half the page.
 */
export function isWideTable(table: Table): boolean {
  const chars = table.columns.map((h, c) => Math.max(h.length, ...table.rows.map((r) => (r[c] ?? '').length)))
  return chars.reduce((px, n) => px + n * 7.5 + 16, 0) > halfWidthPx
}

function renderFigure(f: Figure): string {
  const chart = f.chart
    ? `<div class="chart"><canvas id="${escapeHtml(f.id)}" role="img" aria-label="${escapeHtml(f.title)}"></canvas></div>`
    : ''
  const note = f.note ? `<p class="note muted">${escapeHtml(f.note)}</p>` : ''
  const wide = isWideTable(f.table) ? ' class="wide"' : ''
  return `<figure${wide} id="fig-${escapeHtml(f.id)}" data-figure="${escapeHtml(f.id)}"><h3>${escapeHtml(f.title)}</h3>${chart}${renderTable(f.table, f.title)}${note}</figure>`
}

function renderSection(s: Section): string {
  const intro = s.intro ? `<p>${escapeHtml(s.intro)}</p>` : ''
  const figures = s.figures.length ? `<div class="figures">${s.figures.map(renderFigure).join('\n')}</div>` : ''
  return `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>${intro}${figures}</section>`
}

export function renderHtml(model: ReportModel, sections: Section[], chartJs: string = chartJsSource()): string {
  const charts = sections.flatMap((s) => s.figures.filter((f) => f.chart).map((f) => ({id: f.id, config: f.chart})))
  const {version, gitSha} = oacVersion()
  const title = `oac report — ${[...new Set(model.runs.map((r) => r.model))].join(', ')}`
  const o = model.options
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Generated ${escapeHtml(model.generatedAt)} from ${model.runs.length} run${model.runs.length === 1 ? '' : 's'}; electricity ${escapeHtml(usd(o.electricityPrice))}/kWh, cloud ${escapeHtml(usd(o.cloudPrice))} per million output tokens, ${escapeHtml(fmt(o.hoursPerDay, 0))} h a day.</p>
<nav><ul>${sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`).join('')}</ul></nav>
</header>
<main>
${sections.map(renderSection).join('\n')}
</main>
<footer>oac ${escapeHtml(version)}${gitSha ? ` (${escapeHtml(gitSha.slice(0, 12))})` : ''}. Charts by Chart.js, inlined; this file needs no network.</footer>
<script type="application/json" id="oac-charts">${scriptJson(charts)}</script>
<script>${inlineScript(chartJs)}</script>
<script>${boot}</script>
</body>
</html>
`
}
