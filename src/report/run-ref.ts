import type {Run} from '../store/types.js'
import type {RunRef} from './types.js'

// How the report names a run: its id, kind, model, engine and a few words for its workload.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** "random in 1024 out 128" (bench) or "native: simple,multiple" (eval), from the run's params; undefined if none. */
export function workloadOf(run: Run): string | undefined {
  const p = isObject(run.params) ? run.params : {}
  const parts: string[] = []
  if (run.kind === 'bench') {
    if (p.mode === 'micro') return 'micro'
    if (typeof p.dataset === 'string') parts.push(p.dataset)
    if (typeof p.inputLen === 'number' && (p.dataset === 'random' || p.dataset === undefined))
      parts.push(`in ${p.inputLen}`)
    if (typeof p.outputLen === 'number') parts.push(`out ${p.outputLen}`)
    return parts.length ? parts.join(' ') : undefined
  }
  if (run.kind === 'eval-retrieval')
    return [
      typeof p.root === 'string' ? p.root.split('/').at(-1) : '',
      p.source === 'questions' ? 'questions file' : 'history',
    ].join(', ')
  if (run.kind === 'eval-swe') {
    const count = Array.isArray(p.instanceIds) ? `${p.instanceIds.length} tasks` : undefined
    return [typeof p.dataset === 'string' ? p.dataset : 'shipped suite', count].filter(Boolean).join(', ')
  }
  if (typeof p.mode === 'string') parts.push(p.mode)
  if (typeof p.importSpec === 'string') parts.push(p.importSpec)
  else if (Array.isArray(p.categories)) parts.push(p.categories.join(','))
  return parts.length ? parts.join(': ') : undefined
}

export function runRef(run: Run): RunRef {
  const workload = workloadOf(run)
  return {
    id: run.id,
    kind: run.kind,
    model: run.model,
    ...(run.engine !== undefined ? {engine: run.engine} : {}),
    status: run.status,
    startedAt: run.startedAt,
    ...(workload ? {workload} : {}),
  }
}
