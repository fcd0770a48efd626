import type {Store} from '../store/store.js'
import type {Run, RunKind} from '../store/types.js'
import {ReportError} from './types.js'

// Which runs a report covers: the ids given, else the newest N (of one model, with --model) bench, tool-calling and
// SWE and retrieval runs that completed, oldest first. A partial run (stopped on request) is shown only when asked for by id.

export const reportKinds: readonly RunKind[] = ['bench', 'eval-tool-calling', 'eval-swe', 'eval-retrieval']
export const defaultLast = 20

export interface RunSelection {
  runIds?: number[]
  last?: number
  model?: string
}

export function selectRuns(store: Store, selection: RunSelection): Run[] {
  const {runIds, last, model} = selection
  if (runIds?.length) {
    if (last !== undefined || model !== undefined)
      throw new ReportError('--run cannot be combined with --last or --model')
    const runs = [...new Set(runIds)].map((id) => {
      const run = store.getRun(id)
      if (!run) throw new ReportError(`no run ${id} in the results store (${store.file})`)
      if (!reportKinds.includes(run.kind))
        throw new ReportError(`run ${id} is of kind ${run.kind}; oac report shows ${reportKinds.join(' and ')} runs`)
      if (run.status === 'running') throw new ReportError(`run ${id} is still running`)
      return run
    })
    return runs.sort((a, b) => a.id - b.id)
  }
  if (last !== undefined && (!Number.isInteger(last) || last < 1)) throw new ReportError('--last must be 1 or more')
  const runs = store
    .listRuns(model !== undefined ? {model} : {})
    .filter((r) => reportKinds.includes(r.kind) && r.status === 'complete')
    .slice(0, last ?? defaultLast)
  if (!runs.length)
    throw new ReportError(
      `no complete bench, tool-calling, SWE or retrieval run${model !== undefined ? ` of model ${model}` : ''} in the results store (${store.file})`,
    )
  return runs.sort((a, b) => a.id - b.id)
}
