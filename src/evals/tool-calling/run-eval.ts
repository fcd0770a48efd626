import {setMaxListeners} from 'node:events'
import {OacError} from '../../errors.js'
import {LlmClient} from '../../llm/client.js'
import {ensureModelServed} from '../../llm/ensure-model.js'
import {startRecordedRun} from '../../store/record-run.js'
import {importBfcl} from './bfcl/import.js'
import type {EvalMode} from './modes.js'
import {type Attempt, runCases} from './runner.js'
import {loadSuite, type ToolCase} from './suite.js'
import {type EvalSummary, summarize} from './summary.js'

export interface EvalOptions {
  endpoint: string
  model: string
  endpointId?: number
  engine?: string
  mode: EvalMode
  categories?: string[]
  limit?: number
  repeat: number
  concurrency: number
  retryOnError: number
  /** `bfcl:QUESTIONS[,ANSWERS]` instead of the built-in suite. */
  importSpec?: string
  save: boolean
  signal: AbortSignal
}

export interface EvalReport extends EvalSummary {
  runId?: number
  status: 'complete' | 'partial'
}

export type EvalEvent =
  | {type: 'start'; total: number}
  | {type: 'attempt'; done: number; passed: number; attempt: Attempt}

/** The eval could not start: bad input (exit 2) or an endpoint that cannot serve it (exit 1). */
export class EvalSetupError extends OacError {
  override name = 'EvalSetupError'
  constructor(message: string, exit: 1 | 2 = 2) {
    super(message, exit)
  }
}

export function loadCases(o: Pick<EvalOptions, 'importSpec' | 'categories' | 'limit'>): ToolCase[] {
  if (o.importSpec) {
    const [kind, rest] = o.importSpec.split(/:(.*)/s)
    if (kind !== 'bfcl' || !rest)
      throw new EvalSetupError(`Expected --import bfcl:QUESTIONS.json[,ANSWERS.json], got \`${o.importSpec}\``)
    const all = importBfcl(rest)
    return o.limit ? all.slice(0, o.limit) : all
  }
  return loadSuite({...(o.categories ? {categories: o.categories} : {}), ...(o.limit ? {limit: o.limit} : {})})
}

/** Runs the suite against the endpoint, saving every attempt as it finishes. */
export async function runToolCallingEval(o: EvalOptions, emit: (e: EvalEvent) => void = () => {}): Promise<EvalReport> {
  let cases: ToolCase[]
  try {
    cases = loadCases(o)
  } catch (error) {
    throw new EvalSetupError((error as Error).message)
  }
  const client = new LlmClient(o.endpoint)
  setMaxListeners(0, o.signal)
  // Unreachable endpoint or a model it does not serve: exit 1 (the input itself was fine).
  await ensureModelServed(client, o.model).catch((error: Error) => {
    throw new EvalSetupError(error.message, 1)
  })
  const {signal, ...params} = o
  const recorded = o.save
    ? await startRecordedRun({
        kind: 'eval-tool-calling',
        model: o.model,
        params,
        endpointUrl: client.baseUrl,
        endpointId: o.endpointId,
        engine: o.engine,
      })
    : undefined
  const store = recorded?.store
  const runId = recorded?.runId
  emit({type: 'start', total: cases.length * o.repeat})
  let done = 0
  let passed = 0
  try {
    const attempts = await runCases(client, cases, {
      model: o.model,
      mode: o.mode,
      repeat: o.repeat,
      concurrency: o.concurrency,
      retryOnError: o.retryOnError,
      signal,
      onAttempt: (a) => {
        done++
        if (a.passed) passed++
        if (store && runId !== undefined)
          store.addSample(runId, {idx: done - 1, ok: a.passed, ...(a.reason ? {error: a.reason} : {}), data: a})
        emit({type: 'attempt', done, passed, attempt: a})
      },
    })
    const summary = summarize(attempts, o.model, o.mode, o.repeat, o.retryOnError)
    const status = signal.aborted ? 'partial' : 'complete'
    store?.finishRun(runId as number, status, summary)
    return {...summary, status, ...(runId !== undefined ? {runId} : {})}
  } catch (error) {
    store?.finishRun(runId as number, 'failed', {error: String(error)})
    throw error
  } finally {
    store?.close()
  }
}
