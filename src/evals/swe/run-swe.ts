import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {basename, join, resolve} from 'node:path'
import {OacError} from '../../errors.js'
import {identifyEngine} from '../../llm/identify-engine.js'
import {startRecordedRun} from '../../store/record-run.js'
import {Store} from '../../store/store.js'
import type {SweAgent} from './agents/agent.js'
import {builtinAgent, sessionsDbIn} from './agents/builtin.js'
import {commandAgent} from './agents/command.js'
import {parseCommandTemplate} from './agents/template.js'
import {DatasetError, pickInstances, type SweInstance} from './dataset.js'
import {judgeAttempt} from './judge-attempt.js'
import {loadTasks} from './load-tasks.js'
import {loadPredictions, type Prediction, toPredictions} from './predictions.js'
import {type AttemptResult, attemptResult} from './result.js'
import {runAttempt} from './run-attempt.js'
import {type SweRunOptions, type SweRunParams, sweRunParams} from './run-options.js'
import {sweScope} from './scope.js'
import {type SweSummary, summarize} from './summary.js'

// `oac eval swe`: every (instance, attempt) pair through runAttempt, N at a time, each result saved as a sample the
// moment it exists, so Ctrl-C or a crash keeps every finished attempt and --resume does only what is missing. With
// --judge the attempts are another harness's predictions, judged with no agent.

export interface SweReport extends SweSummary {
  runId?: number
  status: 'complete' | 'partial'
}

export type SweEvent =
  | {type: 'start'; total: number; done: number; resolved: number; model: string; agent: string}
  | {type: 'attempt'; done: number; total: number; resolved: number; result: AttemptResult}

/** Bad input or a run that cannot be resumed (exit 2). */
export class SweSetupError extends OacError {
  override name = 'SweSetupError'
}

export function makeAgent(spec: string, p: Pick<SweRunParams, 'maxTurns' | 'tokenBudget'>, workRoot: string) {
  if (spec === 'builtin')
    return builtinAgent({maxTurns: p.maxTurns, tokenBudget: p.tokenBudget, sessionsDb: sessionsDbIn(workRoot)})
  return commandAgent(parseCommandTemplate(spec))
}

function resumeFrom(store: Store, runId: number): {params: SweRunParams; done: AttemptResult[]} {
  const run = store.getRun(runId)
  if (!run) throw new SweSetupError(`no run ${runId} in the results store (${store.file})`)
  if (run.kind !== 'eval-swe') throw new SweSetupError(`run ${runId} is a ${run.kind} run, not eval-swe`)
  if (run.status === 'complete') throw new SweSetupError(`run ${runId} is already complete`)
  const params = sweRunParams.safeParse(run.params)
  if (!params.success) throw new SweSetupError(`run ${runId} has no usable parameters to resume from`)
  const done = store.samples(runId).map((s) => attemptResult.parse(s.data))
  return {params: params.data, done}
}

/** The predictions of a --judge run by instance; a prediction for an instance the dataset lacks is bad input. */
function judgedPredictions(file: string, instances: SweInstance[]): {model: string; byId: Map<string, Prediction>} {
  const predictions = loadPredictions(file)
  const known = new Set(instances.map((i) => i.instance_id))
  const unknown = predictions.filter((p) => !known.has(p.instance_id)).map((p) => p.instance_id)
  if (unknown.length)
    throw new DatasetError(file, undefined, `predictions for instances the dataset lacks: ${unknown.join(', ')}`)
  return {model: predictions[0]?.model_name_or_path ?? '', byId: new Map(predictions.map((p) => [p.instance_id, p]))}
}

export async function runSwe(o: SweRunOptions, emit: (e: SweEvent) => void = () => {}): Promise<SweReport> {
  let params: SweRunParams
  let done: AttemptResult[] = []
  let store: Store | undefined
  let runId: number | undefined
  if (o.resume !== undefined) {
    store = Store.open()
    try {
      ;({params, done} = resumeFrom(store, o.resume))
    } catch (error) {
      store.close()
      throw error
    }
  } else {
    const {dataset, reposDir, judge, instances, limit, signal, save, resume, predictions, endpointId, engine, ...rest} =
      o
    params = {
      ...rest,
      ...(dataset ? {dataset} : {}),
      ...(reposDir ? {reposDir} : {}),
      ...(judge ? {judge: resolve(judge)} : {}),
      instanceIds: [],
    }
  }
  const source = await loadTasks(params)
  const picked = pickInstances(
    source.instances,
    o.resume !== undefined ? params.instanceIds : o.instances,
    o.resume !== undefined ? undefined : o.limit,
  )
  params.instanceIds = picked.map((i) => i.instance_id)
  const judged = params.judge ? judgedPredictions(params.judge, source.instances) : undefined
  if (judged) Object.assign(params, {model: judged.model, agent: `predictions:${basename(params.judge ?? '')}`})
  await source.prepare(picked)
  const workRoot = await mkdtemp(join(tmpdir(), 'oac-swe-'))
  let agent: SweAgent | undefined
  try {
    if (!judged) agent = makeAgent(params.agent, params, workRoot)
  } catch (error) {
    await rm(workRoot, {recursive: true, force: true})
    store?.close()
    throw error
  }
  if (store && o.resume !== undefined) {
    runId = o.resume
    store.reopenRun(runId)
  } else if (o.save) {
    const engine = o.engine ?? (params.endpoint ? await identifyEngine(params.endpoint) : undefined)
    const recorded = await startRecordedRun({
      kind: 'eval-swe',
      model: params.model,
      params,
      endpointUrl: params.endpoint,
      ...(o.endpointId !== undefined ? {endpointId: o.endpointId} : {}),
      ...(engine ? {engine} : {}),
    })
    store = recorded.store
    runId = recorded.runId
  }
  const finished = new Set(done.map((a) => `${a.instance_id}#${a.attempt}`))
  const jobs = picked
    .filter((instance) => !judged || judged.byId.has(instance.instance_id))
    .flatMap((instance, i) =>
      Array.from({length: params.repeat}, (_, attempt) => ({instance, attempt, idx: i * params.repeat + attempt})),
    )
  const todo = jobs.filter((j) => !finished.has(`${j.instance.instance_id}#${j.attempt}`))
  const results = [...done]
  let resolved = results.filter((r) => r.status === 'resolved').length
  const agentName = agent?.name ?? params.agent
  emit({type: 'start', total: jobs.length, done: results.length, resolved, model: params.model, agent: agentName})
  try {
    let next = 0
    const worker = async () => {
      while (next < todo.length && !o.signal.aborted) {
        const job = todo[next++]
        if (!job) break
        const testTimeoutMs = params.testTimeoutS * 1000
        const result = agent
          ? await runAttempt(job.instance, job.attempt, {
              reposDir: source.reposDir,
              workRoot,
              agent,
              endpoint: params.endpoint,
              model: params.model,
              agentTimeoutMs: params.agentTimeoutS * 1000,
              testTimeoutMs,
              signal: o.signal,
            })
          : await judgeAttempt(job.instance, judged?.byId.get(job.instance.instance_id)?.model_patch ?? null, {
              reposDir: source.reposDir,
              workRoot,
              testTimeoutMs,
              signal: o.signal,
            })
        if (!result) continue
        results.push(result)
        if (result.status === 'resolved') resolved++
        if (store && runId !== undefined)
          store.addSample(runId, {
            idx: job.idx,
            ok: result.status === 'resolved',
            ...(result.reason ? {error: result.reason} : {}),
            data: result,
          })
        emit({type: 'attempt', done: results.length, total: jobs.length, resolved, result})
      }
    }
    await Promise.all(Array.from({length: Math.min(params.concurrency, Math.max(todo.length, 1))}, worker))
    const status = o.signal.aborted ? 'partial' : 'complete'
    const scope = sweScope({
      ...(params.dataset ? {dataset: params.dataset} : {}),
      size: source.instances.length,
      picked: picked.length,
      repeat: params.repeat,
      attempts: results,
      interrupted: status === 'partial',
    })
    const summary = {...summarize(results, params.model, agentName, params.repeat, params.instanceIds), scope}
    if (store && runId !== undefined) store.finishRun(runId, status, summary)
    if (o.predictions) await writeFile(o.predictions, toPredictions(results, params.model, agentName))
    return {...summary, status, ...(runId !== undefined ? {runId} : {})}
  } catch (error) {
    if (store && runId !== undefined) store.finishRun(runId, 'failed', {error: String(error)})
    throw error
  } finally {
    store?.close()
    await rm(workRoot, {recursive: true, force: true})
  }
}
