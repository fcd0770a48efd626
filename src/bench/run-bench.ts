import {EXIT, OacError} from '../errors.js'
import {connectModel} from '../llm/ensure-model.js'
import {identifyEngine} from '../llm/identify-engine.js'
import {withRecordedRun} from '../store/record-run.js'
import {checkDataset, datasetSize, loadDataset} from './datasets/index.js'
import {type PointResult, runPoint} from './load-generator.js'
import {type BenchPoint, computeMetrics} from './metrics.js'
import {type MicroResult, runMicro} from './micro.js'
import {pointScope} from './point-scope.js'
import type {BenchSummary} from './summary.js'
import type {BenchPrompt, RequestSample, Slo} from './types.js'
import {saveVllmResult, type VllmResultOptions} from './vllm-result.js'

export type {BenchPoint} from './metrics.js'

export interface BenchOptions {
  endpoint: string
  model: string
  /** Registered endpoint this came from (--engine), for the store. */
  endpointId?: number
  engine?: string
  concurrency: number[]
  /** req/s per point; Infinity = send as fast as the concurrency allows (closed loop). */
  requestRates: number[]
  numPrompts?: number
  durationS?: number
  /** Warm-up requests per point; default one per concurrency slot. */
  warmup?: number
  dataset: string
  inputLen: number
  outputLen: number
  outputLenSet: boolean
  ignoreEos: boolean
  slo?: Slo
  mode: 'serve' | 'micro'
  save: boolean
  /** Also write each point as vLLM's `bench serve --save-result` file. */
  saveResult?: VllmResultOptions
  seed: number
  signal: AbortSignal
}

export interface BenchReport {
  runs: (BenchPoint | MicroResult)[]
  /** Files written with --save-result, one per point. */
  resultFiles?: string[]
  runId?: number
  status: 'complete' | 'partial' | 'failed'
}

export type BenchEvent =
  | {type: 'point-start'; index: number; points: number; label: string; requests: number}
  | {type: 'sample'; index: number; done: number; failed: number}
  | {type: 'point-end'; index: number; point: BenchPoint | MicroResult}

/** The benchmark could not start: the endpoint does not serve the model (exit 1). */
export class BenchSetupError extends OacError {
  override name = 'BenchSetupError'
  constructor(message: string) {
    super(message, EXIT.failed)
  }
}

function points(o: BenchOptions): {maxConcurrency?: number; requestRate: number}[] {
  const out: {maxConcurrency?: number; requestRate: number}[] = []
  for (const requestRate of o.requestRates)
    for (const c of o.concurrency.length ? o.concurrency : [undefined])
      out.push(c === undefined ? {requestRate} : {maxConcurrency: c, requestRate})
  return out
}

/** Runs every point of the sweep (or the micro tests), saving each request as it completes. */
export async function runBench(o: BenchOptions, emit: (e: BenchEvent) => void = () => {}): Promise<BenchReport> {
  if (o.mode !== 'micro') checkDataset(o)
  const client = await connectModel(o.endpoint, o.model, o.signal, (error) => new BenchSetupError(error.message))
  const {signal, ...params} = o
  const engine = o.engine ?? (o.save ? await identifyEngine(client.baseUrl) : undefined)
  const run = {
    kind: 'bench' as const,
    model: o.model,
    params: {...params, requestRates: o.requestRates.map((r) => (Number.isFinite(r) ? r : 'inf'))},
    endpointUrl: client.baseUrl,
    endpointId: o.endpointId,
    engine,
  }
  return withRecordedRun(o.save ? run : undefined, async (recorder) => {
    const report: BenchReport = {runs: [], status: 'complete'}
    if (recorder.runId !== undefined) report.runId = recorder.runId
    recorder.onFailure(() => ({runs: report.runs}))
    const save = (point: number, s: RequestSample) => recorder.add({ok: s.ok, error: s.error, data: {point, ...s}})
    if (o.mode === 'micro') {
      const results = await runMicro(client, o, (e) => emit(e), save)
      report.runs.push(...results)
    } else {
      const all = points(o)
      const size = datasetSize(o)
      for (const [index, shape] of all.entries()) {
        if (signal.aborted) break
        const count = o.numPrompts ?? Math.max(32, (shape.maxConcurrency ?? 8) * 4)
        // Default warm-up: one request per slot, so every connection is open before measuring.
        const warmup = o.warmup ?? Math.min(shape.maxConcurrency ?? 8, 64)
        const prompts: BenchPrompt[] = loadDataset({
          dataset: o.dataset,
          count: count + warmup,
          inputLen: o.inputLen,
          outputLen: o.outputLen,
          outputLenSet: o.outputLenSet,
          seed: o.seed + index,
        })
        const rate = Number.isFinite(shape.requestRate) ? `${shape.requestRate} req/s` : 'closed loop'
        emit({
          type: 'point-start',
          index,
          points: all.length,
          label: `concurrency ${shape.maxConcurrency ?? '∞'}, ${rate}`,
          requests: o.durationS ? 0 : count,
        })
        let done = 0
        let failed = 0
        const result: PointResult = await runPoint(client, {
          model: o.model,
          shape,
          prompts: prompts.slice(warmup),
          warmupPrompts: prompts.slice(0, warmup),
          ...(o.durationS !== undefined ? {durationS: o.durationS} : {}),
          ignoreEos: o.ignoreEos,
          seed: o.seed,
          signal,
          onSample: (s) => {
            done++
            if (!s.ok) failed++
            save(index, s)
            emit({type: 'sample', index, done, failed})
          },
        })
        const point: BenchPoint = {
          model: o.model,
          endpoint: client.baseUrl,
          max_concurrency: shape.maxConcurrency ?? null,
          request_rate: Number.isFinite(shape.requestRate) ? shape.requestRate : 'inf',
          num_prompts: result.samples.length,
          seed: o.seed,
          interrupted: result.interrupted,
          ...computeMetrics(result.samples, result.duration, o.slo),
          scope: pointScope({
            dataset: o.dataset,
            size,
            warmup,
            samples: result.samples,
            interrupted: result.interrupted,
          }),
        }
        report.runs.push(point)
        if (o.saveResult)
          report.resultFiles = [
            ...(report.resultFiles ?? []),
            saveVllmResult(o.saveResult, point, result.samples, index, all.length),
          ]
        emit({type: 'point-end', index, point})
      }
    }
    const allFailed = report.runs.length > 0 && report.runs.every((p) => 'completed' in p && p.completed === 0)
    report.status = signal.aborted ? 'partial' : allFailed ? 'failed' : 'complete'
    const summary: BenchSummary = {runs: report.runs}
    return {status: report.status, summary, value: report}
  })
}
