import {axes, color, day, type Figure, line, pct, pctOrNa, runName, type Section} from './chart-kit.js'
import type {ToolRun} from './types.js'

function categoriesOf(runs: ToolRun[]): string[] {
  return [...new Set(runs.flatMap((r) => Object.keys(r.categories)))].sort()
}

/** Parseable and schema-valid count the answers that made calls ("n/a": none did); stored warnings, by run. */
function toolNote(runs: ToolRun[]): string {
  const notes = runs.filter((t) => t.warning).map((t) => `run ${runName(t.run)}: ${t.warning}`)
  const rates = 'Parseable and schema-valid are shares of the answers that made calls; n/a: no call was made.'
  return [rates, ...notes].join(' ')
}

export function toolsSection(tools: ToolRun[]): Section {
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
          data: [
            t.accuracy === null ? null : t.accuracy * 100,
            ...cats.map((c) => (t.categories[c] ? t.categories[c].accuracy * 100 : null)),
          ],
          backgroundColor: color(i),
        })),
      },
      options: axes('category', 'accuracy (%)', {yMax: 100}),
    },
    table: {
      columns: ['Category', ...latest.map((t) => `${t.run.model} (run ${runName(t.run)})`)],
      rows: [
        ['overall', ...latest.map((t) => `${pctOrNa(t.accuracy)} (${t.attempts} attempts)`)],
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
                runs.map((t) => (t.accuracy === null ? null : t.accuracy * 100)),
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
        columns: ['Run', 'Started', 'Overall', 'Parseable', 'Schema-valid', ...mc],
        rows: runs.map((t) => [
          runName(t.run),
          day(t.run.startedAt),
          pctOrNa(t.accuracy),
          pctOrNa(t.parseableRate),
          pctOrNa(t.schemaValidRate),
          ...mc.map((c) => cell(t, c)),
        ]),
      },
      note: toolNote(runs),
    })
  })
  return {id: 'tools', title: 'Tool-calling reliability', figures}
}
