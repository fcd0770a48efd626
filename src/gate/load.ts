import {readFileSync} from 'node:fs'
import type {Store} from '../store/store.js'
import type {Run} from '../store/types.js'
import {type Baseline, baselineFile, type Current, GateError, type GateKind, gateKinds} from './types.js'

// Loading what the gate compares: runs from the results store (by id or `last`) and baseline files.

/** A run id as the user may write it: a positive integer or `last`. */
export function isRunRef(ref: string): boolean {
  return ref === 'last' || /^[1-9]\d*$/.test(ref)
}

function isGateKind(kind: string): kind is GateKind {
  return (gateKinds as readonly string[]).includes(kind)
}

/** The complete run `ref` names: an id, or `last`, the newest complete run of `kind` (default: any kind gate compares). */
export function resolveRun(store: Store, ref: string, kind?: GateKind): Run {
  if (ref === 'last') {
    const run = kind
      ? store.listRuns({status: 'complete', kind, limit: 1})[0]
      : store.listRuns({status: 'complete'}).find((r) => isGateKind(r.kind))
    if (!run)
      throw new GateError(`no complete ${kind ?? gateKinds.join(' or ')} run in the results store (${store.file})`)
    return run
  }
  if (!isRunRef(ref)) throw new GateError(`\`${ref}\` is not a run id (a number or \`last\`)`)
  const run = store.getRun(Number(ref))
  if (!run) throw new GateError(`no run ${ref} in the results store (${store.file})`)
  if (run.status !== 'complete') throw new GateError(`run ${ref} is ${run.status}, not complete`)
  return run
}

/** The baseline a complete run makes, as `oac gate --export` prints it. */
export function baselineFromRun(run: Run): Baseline {
  if (!isGateKind(run.kind))
    throw new GateError(`run ${run.id} is of kind ${run.kind}; oac gate compares ${gateKinds.join(' and ')} runs`)
  if (run.status !== 'complete') throw new GateError(`run ${run.id} is ${run.status}, not complete`)
  return {
    oacBaseline: 1,
    kind: run.kind,
    model: run.model,
    params: run.params,
    summary: run.summary,
    ...(run.oacVersion !== undefined ? {oacVersion: run.oacVersion} : {}),
    ...(run.gitSha !== undefined ? {gitSha: run.gitSha} : {}),
    runId: run.id,
    ...(run.finishedAt !== undefined ? {finishedAt: run.finishedAt} : {}),
    ...(run.hardwareFingerprint !== undefined ? {hardwareFingerprint: run.hardwareFingerprint} : {}),
  }
}

/** Reads a baseline from the text of a file written by `oac gate --export`. */
export function parseBaseline(text: string, source: string): Baseline {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new GateError(`${source} is not JSON: ${(error as Error).message}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new GateError(`${source} is not a baseline (expected a JSON object from oac gate --export)`)
  const parsed = baselineFile.safeParse(value)
  if (!parsed.success)
    throw new GateError(
      `${source} is not a baseline: it needs kind, model and summary (write one with oac gate --export)`,
    )
  const b = parsed.data
  return {
    oacBaseline: 1,
    kind: b.kind,
    model: b.model,
    params: b.params ?? {},
    summary: b.summary,
    ...(b.oacVersion !== undefined ? {oacVersion: b.oacVersion} : {}),
    ...(b.gitSha !== undefined ? {gitSha: b.gitSha} : {}),
    ...(b.runId !== undefined ? {runId: b.runId} : {}),
    ...(b.finishedAt !== undefined ? {finishedAt: b.finishedAt} : {}),
    ...(b.hardwareFingerprint !== undefined ? {hardwareFingerprint: b.hardwareFingerprint} : {}),
  }
}

/** `--baseline`: a run id (or `last`) in the store, else a baseline file. */
export function loadBaseline(store: Store, ref: string): Baseline {
  if (isRunRef(ref)) return baselineFromRun(resolveRun(store, ref))
  let text: string
  try {
    text = readFileSync(ref, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new GateError(
      code === 'ENOENT' ? `no baseline file ${ref}` : `cannot read ${ref}: ${(error as Error).message}`,
    )
  }
  return parseBaseline(text, ref)
}

/** `--current`: a run id or `last`, the newest complete run of the baseline's kind. */
export function loadCurrent(store: Store, ref: string, baseline: Baseline): Current {
  if (!isGateKind(baseline.kind))
    throw new GateError(`cannot gate runs of kind ${baseline.kind}; oac gate compares ${gateKinds.join(' and ')} runs`)
  return toCurrent(resolveRun(store, ref, baseline.kind))
}

export function toCurrent(run: Run): Current {
  return {
    id: run.id,
    kind: run.kind,
    model: run.model,
    params: run.params,
    summary: run.summary,
    ...(run.hardwareFingerprint !== undefined ? {hardwareFingerprint: run.hardwareFingerprint} : {}),
  }
}

/** `--baseline last`: the newest complete run of the same kind before the run being checked. */
export function runBefore(store: Store, current: Run): Run {
  const run = store.listRuns({status: 'complete', kind: current.kind}).find((r) => r.id < current.id)
  if (!run)
    throw new GateError(
      `no complete ${current.kind} run before run ${current.id} in the results store (${store.file}) to use as --baseline last`,
    )
  return run
}
