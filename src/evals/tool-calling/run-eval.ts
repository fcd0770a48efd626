import {OacError} from '../../errors.js'
import {connectModel} from '../../llm/ensure-model.js'
import {identifyEngine} from '../../llm/identify-engine.js'
import {withRecordedRun} from '../../store/record-run.js'
import {importBfcl} from './bfcl/import.js'
import type {EvalMode} from './modes.js'
import {type Attempt, runCases} from './runner.js'
import {toolScope} from './scope.js'
import {loadSuite, suiteSize, type ToolCase} from './suite.js'
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

/** The cases to run, and the suite or file they come from with its whole size (for the run's scope). */
export function loadCases(o: Pick<EvalOptions, 'importSpec' | 'categories' | 'limit'>): {
  cases: ToolCase[]
  dataset: string
  size: number
} {
  if (o.importSpec) {
    const [kind, rest] = o.importSpec.split(/:(.*)/s)
    if (kind !== 'bfcl' || !rest)
      throw new EvalSetupError(`Expected --import bfcl:QUESTIONS.json[,ANSWERS.json], got \`${o.importSpec}\``)
    const all = importBfcl(rest)
    const wanted = o.categories?.length ? all.filter((c) => o.categories?.includes(c.category)) : all
    return {cases: o.limit ? wanted.slice(0, o.limit) : wanted, dataset: `bfcl:${rest.split(',')[0]}`, size: all.length}
  }
  const cases = loadSuite({...(o.categories ? {categories: o.categories} : {}), ...(o.limit ? {limit: o.limit} : {})})
  return {cases, dataset: 'suite', size: suiteSize()}
}

/** Runs the suite against the endpoint, saving every attempt as it finishes. */
export async function runToolCallingEval(o: EvalOptions, emit: (e: EvalEvent) => void = () => {}): Promise<EvalReport> {
  let loaded: ReturnType<typeof loadCases>
  try {
    loaded = loadCases(o)
  } catch (error) {
    throw new EvalSetupError((error as Error).message)
  }
  const {cases} = loaded
  // An accuracy over no case is not 0%: nothing would be measured, so there is nothing to run.
  if (!cases.length)
    throw new EvalSetupError(
      `no cases to run in ${o.importSpec ?? `the suite (${o.categories?.join(', ') ?? 'all categories'})`}`,
    )
  // Unreachable endpoint or a model it does not serve: exit 1 (the input itself was fine).
  const client = await connectModel(o.endpoint, o.model, o.signal, (error) => new EvalSetupError(error.message, 1))
  const {signal, ...params} = o
  const engine = o.engine ?? (o.save ? await identifyEngine(client.baseUrl) : undefined)
  const run = {
    kind: 'eval-tool-calling' as const,
    model: o.model,
    params,
    endpointUrl: client.baseUrl,
    endpointId: o.endpointId,
    engine,
  }
  return withRecordedRun(o.save ? run : undefined, async (recorder) => {
    emit({type: 'start', total: cases.length * o.repeat})
    let done = 0
    let passed = 0
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
        recorder.add({ok: a.passed, error: a.reason, data: a})
        emit({type: 'attempt', done, passed, attempt: a})
      },
    })
    const scope = toolScope({
      ...loaded,
      ...(o.categories ? {categories: o.categories} : {}),
      ...(o.limit ? {limit: o.limit} : {}),
      repeat: o.repeat,
      retryOnError: o.retryOnError,
      attempts,
      interrupted: signal.aborted,
      tokenizer: client.replyTokenizer.name,
    })
    const summary = {...summarize(attempts, o.model, o.mode, o.repeat, o.retryOnError), scope}
    const status = signal.aborted ? ('partial' as const) : ('complete' as const)
    const runId = recorder.runId
    return {status, summary, value: {...summary, status, ...(runId !== undefined ? {runId} : {})}}
  })
}
