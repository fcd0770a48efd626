import {Store} from '../store/store.js'
import {type DecisionRecord, decisionRecordSchema} from './pick/decision-record.js'

// `oac route show`: the current routing (the latest recorded decision) with, per class, since when the same model
// has held it, and the decisions before it.

export interface ShownDecision {
  id: number
  createdAt: string
  configPath?: string
  hardwareFingerprint?: string
  classes: DecisionRecord['classes']
}

export interface RouteShowResult {
  current?: ShownDecision & {since: Record<string, string>}
  history: ShownDecision[]
}

/** The current routing and the decisions before it, from an open store (`oac route show` and `oac report`). */
export function routingHistory(store: Store, limit: number): RouteShowResult {
  const history: ShownDecision[] = store.listRouteDecisions(limit).map((d) => {
    const parsed = decisionRecordSchema.safeParse(d.decision)
    return {
      id: d.id,
      createdAt: d.createdAt,
      ...(d.configPath ? {configPath: d.configPath} : {}),
      ...(d.hardwareFingerprint ? {hardwareFingerprint: d.hardwareFingerprint} : {}),
      classes: parsed.success ? parsed.data.classes : [],
    }
  })
  const [latest] = history
  if (!latest) return {history}
  const since: Record<string, string> = {}
  for (const c of latest.classes) {
    let at = latest.createdAt
    for (const older of history.slice(1)) {
      if (older.classes.find((o) => o.taskClass === c.taskClass)?.model !== c.model) break
      at = older.createdAt
    }
    since[c.taskClass] = at
  }
  return {current: {...latest, since}, history}
}

export function routeShow(limit: number): RouteShowResult {
  const store = Store.open()
  try {
    return routingHistory(store, limit)
  } finally {
    store.close()
  }
}

export function renderShow(result: RouteShowResult): string {
  if (!result.current) return 'No routing decision yet: run `oac route pick --write routing.yaml`.'
  const c = result.current
  const lines = [`Routing (decision #${c.id}, ${c.createdAt}${c.configPath ? `, ${c.configPath}` : ''}):`]
  for (const k of c.classes)
    lines.push(
      `  ${k.taskClass.padEnd(13)} ${(k.model ?? 'none').padEnd(28)} since ${c.since[k.taskClass]}  — ${k.reason}`,
    )
  lines.push('', 'History:')
  for (const d of result.history)
    lines.push(`  #${d.id} ${d.createdAt}  ${d.classes.map((k) => `${k.taskClass}=${k.model ?? 'none'}`).join('  ')}`)
  return lines.join('\n')
}
