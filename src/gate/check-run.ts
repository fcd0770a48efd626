import {StoreError} from '../store/errors.js'
import {Store} from '../store/store.js'
import {runGate} from './gate.js'
import {parseMaxDrops} from './limits.js'
import {baselineFromRun, loadBaseline, loadCurrent, resolveRun, runBefore, toCurrent} from './load.js'
import {type Baseline, type Current, GateError, type GateResult} from './types.js'

// `oac gate` from references to a verdict. Whatever keeps it from comparing (a bad flag, a missing run or file, a
// damaged store) becomes status `error` (exit 2), never `fail`: exit 1 is kept for a measured regression.

export interface GateRequest {
  /** A baseline file, a run id, or `last` (the newest complete run before the one checked). */
  baseline?: string
  /** A run id, or `last` (the newest complete run of the baseline's kind). */
  current: string
  maxDrops?: string[]
  allowModelChange: boolean
  allowWorkloadChange: boolean
  allowHardwareChange?: boolean
  /** The results database; default `$OAC_HOME/oac.db`. */
  storeFile?: string
}

/** An error that stops the gate before it compares: its message is the reason, the exit is 2. */
export function cannotCompare(error: unknown): GateResult {
  if (error instanceof GateError || error instanceof StoreError)
    return {status: 'error', reason: error.message, checks: []}
  return {status: 'error', reason: `cannot compare: ${(error as Error).message ?? String(error)}`, checks: []}
}

function load(store: Store, request: GateRequest & {baseline: string}): {baseline: Baseline; current: Current} {
  if (request.baseline === 'last') {
    const current = resolveRun(store, request.current)
    return {baseline: baselineFromRun(runBefore(store, current)), current: toCurrent(current)}
  }
  const baseline = loadBaseline(store, request.baseline)
  return {baseline, current: loadCurrent(store, request.current, baseline)}
}

/** Compares the run with its baseline; never throws. */
export function checkRun(request: GateRequest): GateResult {
  let store: Store | undefined
  try {
    if (request.baseline === undefined) throw new GateError('give --baseline FILE|RUN_ID|last, or --export RUN_ID')
    const limits = parseMaxDrops(request.maxDrops)
    store = Store.open(request.storeFile)
    const {baseline, current} = load(store, {...request, baseline: request.baseline})
    return runGate(baseline, current, {
      limits,
      allowModelChange: request.allowModelChange,
      allowWorkloadChange: request.allowWorkloadChange,
      allowHardwareChange: request.allowHardwareChange ?? false,
    })
  } catch (error) {
    return cannotCompare(error)
  } finally {
    store?.close()
  }
}

/** The baseline file `oac gate --export REF` prints. Throws GateError or StoreError (both exit 2). */
export function exportBaseline(ref: string, storeFile?: string): Baseline {
  const store = Store.open(storeFile)
  try {
    return baselineFromRun(resolveRun(store, ref))
  } finally {
    store.close()
  }
}
