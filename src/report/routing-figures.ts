import type {Section} from './chart-kit.js'
import type {ReportModel} from './types.js'

// What is routed where: the current decision per task class (model, endpoint, since when, why), then the history.
export function routingSection(routing: NonNullable<ReportModel['routing']>): Section | undefined {
  const current = routing.current
  if (!current) return undefined
  return {
    id: 'routing',
    title: 'Routing',
    intro: `Decision #${current.id} of ${current.createdAt} (oac route pick)${current.configPath ? `, written to ${current.configPath}` : ''}.`,
    figures: [
      {
        id: 'routing-current',
        title: 'Model per task class',
        table: {
          columns: ['Class', 'Model', 'Endpoint', 'Since', 'Why'],
          rows: current.classes.map((c) => [
            c.taskClass,
            c.model ?? 'none',
            c.endpointUrl ?? '—',
            current.since[c.taskClass] ?? current.createdAt,
            c.reason,
          ]),
        },
      },
      {
        id: 'routing-history',
        title: 'Decisions',
        table: {
          columns: ['Decision', 'When', ...current.classes.map((c) => c.taskClass)],
          rows: routing.history.map((d) => [
            `#${d.id}`,
            d.createdAt,
            ...current.classes.map((c) => d.classes.find((k) => k.taskClass === c.taskClass)?.model ?? 'none'),
          ]),
        },
      },
    ],
  }
}
