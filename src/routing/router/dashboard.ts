import type {IncomingMessage, ServerResponse} from 'node:http'
import {chartJsSource} from '../../report/render-html.js'
import type {DashboardSnapshot} from './live-stats.js'

// GET /dashboard: one self-contained page (Chart.js inlined, no network), fed by GET /dashboard/events, server-sent
// events carrying a snapshot each second. One timer serves every open page, and runs only while one is open. Every
// chart has a table beside it with the same figures; names from the config reach the page as text, never as HTML.

const INTERVAL_MS = 1_000

export class DashboardFeed {
  private readonly clients = new Set<ServerResponse>()
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly snapshot: () => DashboardSnapshot) {}

  attach(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'})
    res.write(`retry: 2000\ndata: ${JSON.stringify(this.snapshot())}\n\n`)
    this.clients.add(res)
    req.once('close', () => {
      this.clients.delete(res)
      if (!this.clients.size) this.stop()
    })
    this.timer ??= setInterval(() => this.send(), INTERVAL_MS)
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  private send(): void {
    const frame = `data: ${JSON.stringify(this.snapshot())}\n\n`
    for (const res of this.clients) res.write(frame)
  }
}

let page: string | undefined

export function dashboardHtml(): string {
  page ??= `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>oac router</title><style>${CSS}</style>
</head><body><header><h1>oac router</h1><p id="status" role="status">connecting…</p></header><main>
<section class="card wide"><h2>Models</h2><figure><canvas id="rate" aria-label="Output tokens per second by model, last 2 minutes" role="img"></canvas></figure>
<div class="scroll"><table id="models"><thead><tr><th>Upstream / model</th><th>Output tok/s</th><th>TTFT p50 ms</th><th>TTFT p99 ms</th><th>Requests</th><th>Errors</th><th>Detours</th></tr></thead><tbody></tbody></table></div></section>
<section class="card"><h2>Upstreams</h2><div class="scroll"><table id="upstreams"><thead><tr><th>Name</th><th>Kind</th><th>State</th><th>Running</th><th>Queued</th></tr></thead><tbody></tbody></table></div></section>
<section class="card"><h2>Spend and energy</h2><div class="scroll"><table id="cloud"><thead><tr><th>Cloud upstream</th><th>Today</th><th>Daily cap</th><th>Month</th><th>Monthly cap</th></tr></thead><tbody></tbody></table></div>
<p>Local energy since start: <b id="energy">0</b> Wh</p></section>
<section class="card wide"><h2>GPUs</h2><p id="gpu-source"></p><figure><canvas id="power" aria-label="GPU power in watts, last 2 minutes" role="img"></canvas></figure>
<div class="scroll"><table id="gpus"><thead><tr><th>GPU</th><th>Utilization %</th><th>Memory MiB</th><th>Power W</th><th>Temp °C</th></tr></thead><tbody></tbody></table></div></section>
</main><script>${chartJsSource().replace(/<\/(script)/gi, '<\\/$1')}</script><script>${SCRIPT}</script></body></html>`
  return page
}

const CSS = `:root{color-scheme:light;--fg:#111827;--muted:#4b5563;--line:#e5e7eb;--card:#f9fafb}
*{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,sans-serif;color:var(--fg)}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;padding:.75rem 1rem;border-bottom:1px solid var(--line)}
h1{font-size:1.2rem;margin:0}h2{font-size:1rem;margin:0 0 .5rem}#status{margin:0;color:var(--muted)}
main{display:grid;grid-template-columns:1fr 1fr;gap:1rem;padding:1rem}.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem;min-width:0}
.wide{grid-column:1/-1}figure{margin:0 0 .5rem;height:180px;position:relative}.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}th,td{padding:.25rem .5rem;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}.over{color:#b91c1c;font-weight:600}
@media (max-width:700px){main{grid-template-columns:1fr;padding:.5rem;gap:.5rem}figure{height:150px}th,td{padding:.2rem .3rem;font-size:13px}}`

// The page's own script: rebuilds the tables from each snapshot (textContent only) and appends to two charts.
const SCRIPT = `(() => {
const keep = 120, colors = ['#2563eb','#dc2626','#16a34a','#9333ea','#ea580c','#0891b2'];
const line = (id, unit) => new Chart(document.getElementById(id), {type: 'line', data: {labels: [], datasets: []},
  options: {animation: false, maintainAspectRatio: false, scales: {y: {beginAtZero: true, title: {display: true, text: unit}}, x: {ticks: {maxTicksLimit: 6}}}, plugins: {legend: {position: 'bottom'}}}});
const rate = line('rate', 'tok/s'), power = line('power', 'W');
const push = (chart, label, values) => {
  chart.data.labels.push(label); if (chart.data.labels.length > keep) chart.data.labels.shift();
  for (const [name, v] of values) {
    let ds = chart.data.datasets.find((d) => d.label === name);
    if (!ds) { const i = chart.data.datasets.length; ds = {label: name, data: Array(chart.data.labels.length - 1).fill(null), borderColor: colors[i % colors.length], pointRadius: 0}; chart.data.datasets.push(ds); }
    ds.data.push(v);
  }
  for (const ds of chart.data.datasets) { while (ds.data.length < chart.data.labels.length) ds.data.push(null); while (ds.data.length > keep) ds.data.shift(); }
  chart.update();
};
const fmt = (v, d = 0) => v === null || v === undefined ? 'n/a' : Number(v).toFixed(d);
const fill = (id, rows) => {
  const body = document.querySelector('#' + id + ' tbody'); body.replaceChildren();
  for (const {key, cells} of rows) { const tr = document.createElement('tr'); tr.dataset.key = key;
    for (const [field, text, cls] of cells) { const td = document.createElement('td'); td.dataset.field = field; td.textContent = text; if (cls) td.className = cls; tr.append(td); }
    body.append(tr); }
};
const show = (s) => {
  const t = new Date(s.at).toLocaleTimeString();
  document.getElementById('status').textContent = 'updated ' + t;
  document.body.dataset.at = s.at;
  fill('models', s.models.map((m) => ({key: m.upstream + '/' + m.model, cells: [['name', m.upstream + '/' + m.model], ['tokps', fmt(m.outputTokPerS, 1)], ['p50', fmt(m.ttftP50Ms)], ['p99', fmt(m.ttftP99Ms)], ['requests', String(m.requests)], ['errors', String(m.errors)], ['detours', String(m.fallbacks)]]})));
  fill('upstreams', s.upstreams.map((u) => ({key: u.name, cells: [['name', u.name], ['kind', u.kind], ['state', u.up ? 'up' : 'down', u.up ? '' : 'over'], ['running', String(u.running)], ['queued', String(u.queued)]]})));
  fill('cloud', s.cloud.map((c) => ({key: c.upstream, cells: [['name', c.upstream], ['today', '$' + c.todayUsd.toFixed(4), c.dailyUsd !== null && c.todayUsd >= c.dailyUsd ? 'over' : ''], ['daily', c.dailyUsd === null ? 'none' : '$' + c.dailyUsd.toFixed(2)], ['month', '$' + c.monthUsd.toFixed(4), c.monthlyUsd !== null && c.monthUsd >= c.monthlyUsd ? 'over' : ''], ['monthly', c.monthlyUsd === null ? 'none' : '$' + c.monthlyUsd.toFixed(2)]]})));
  fill('gpus', s.gpus.gpus.map((g) => ({key: String(g.index), cells: [['name', g.index + ': ' + g.name], ['util', fmt(g.utilizationPct)], ['memory', g.memoryUsedMiB === undefined ? 'n/a' : fmt(g.memoryUsedMiB) + ' / ' + fmt(g.memoryTotalMiB)], ['power', fmt(g.powerW, 1)], ['temp', fmt(g.temperatureC)]]})));
  document.getElementById('energy').textContent = s.localEnergyWh.toFixed(4) + (s.localEnergyEstimated ? ' (estimated)' : '');
  document.getElementById('gpu-source').textContent = s.gpus.gpus.length ? 'read by ' + s.gpus.source : 'no GPU reading: ' + s.gpus.source;
  push(rate, t, s.models.map((m) => [m.upstream + '/' + m.model, m.outputTokPerS]));
  push(power, t, s.gpus.gpus.map((g) => ['GPU ' + g.index, g.powerW ?? null]));
};
const events = new EventSource('dashboard/events');
events.onmessage = (e) => show(JSON.parse(e.data));
events.onerror = () => { document.getElementById('status').textContent = 'disconnected, retrying…'; };
})();`
