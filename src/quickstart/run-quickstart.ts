import {type BenchPoint, runBench} from '../bench/run-bench.js'
import {tinyModelPath, writeTinyModel} from '../engines/embedded/tiny-model.js'
import {startEmbedded} from '../engines/embedded.js'
import {runToolCallingEval} from '../evals/tool-calling/run-eval.js'
import {oacHome} from '../paths.js'
import {detectWithProfile, resolvePlan} from '../profiles/resolve.js'
import {generateReport} from '../report/generate.js'
import {Store} from '../store/store.js'
import {checkQuickstartInput} from './check-input.js'

export {checkQuickstartInput} from './check-input.js'

// `oac quickstart`: the whole loop on this machine in a few minutes — detect, plan, an engine (the embedded one with
// the generated tiny model unless told otherwise), a short bench sweep, a short tool-calling eval, the HTML report.

export interface QuickstartOptions {
  /** A GGUF to serve with the embedded engine instead of the tiny model. */
  modelPath?: string
  /** An engine already running (OpenAI base URL) instead of the embedded one; needs `model`. */
  endpoint?: string
  model?: string
  cwd: string
  signal: AbortSignal
}

export type QuickstartStage = 'detect' | 'plan' | 'engine' | 'bench' | 'eval' | 'report'

export interface StageResult {
  stage: QuickstartStage
  /** The headline figure of the stage, one line. */
  headline: string
  seconds: number
}

export interface QuickstartResult {
  stages: StageResult[]
  /** Absent when a signal stopped it before the report: a report of cut-short runs would read as a result. */
  reportPath?: string
  /** The stage a signal (Ctrl-C, SIGTERM) cut short; the stages after it did not run. */
  interrupted?: QuickstartStage
  benchRunId?: number
  evalRunId?: number
  tinyModel: boolean
}

/** The stages in the order they run, with the title progress shows while each runs. */
export const STAGE_TITLES: Record<QuickstartStage, string> = {
  detect: 'Detect the hardware',
  plan: 'Plan the setup',
  engine: 'Start the engine',
  bench: 'Benchmark (concurrency 1 and 2, 8 requests each)',
  eval: 'Tool-calling eval (12 cases)',
  report: 'Write the HTML report',
}

/** `onStage` after each stage; `onLine` with progress inside the running one (requests, cases). */
export async function runQuickstart(
  o: QuickstartOptions,
  onStage: (s: StageResult) => void = () => {},
  onLine: (line: string) => void = () => {},
): Promise<QuickstartResult> {
  // Bad input is found before any stage runs, so nothing is started or stored for it.
  checkQuickstartInput(o)
  const stages: StageResult[] = []
  const kept: Pick<QuickstartResult, 'benchRunId' | 'evalRunId'> = {}
  // A signal ends the stage that is running (its stored run is kept, partial) and skips the rest.
  const stage = async <T>(name: QuickstartStage, work: () => Promise<[T, string]>): Promise<T> => {
    if (o.signal.aborted) throw new StoppedAt(name)
    const start = performance.now()
    const [value, headline] = await work()
    if (o.signal.aborted) throw new StoppedAt(name)
    const s = {stage: name, headline, seconds: (performance.now() - start) / 1000}
    stages.push(s)
    onStage(s)
    return value
  }
  const tinyModel = !o.endpoint && !o.modelPath
  try {
    const reportPath = await runStages(o, stage, kept, onLine)
    return {stages, reportPath, tinyModel, ...kept}
  } catch (error) {
    if (!(error instanceof StoppedAt)) throw error
    return {stages, interrupted: error.stage, tinyModel, ...kept}
  }
}

/** Thrown inside the stages when the signal stopped them; becomes the result's `interrupted`. */
class StoppedAt {
  constructor(readonly stage: QuickstartStage) {}
}

type Stage = <T>(name: QuickstartStage, work: () => Promise<[T, string]>) => Promise<T>

async function runStages(
  o: QuickstartOptions,
  stage: Stage,
  kept: Pick<QuickstartResult, 'benchRunId' | 'evalRunId'>,
  onLine: (line: string) => void,
): Promise<string> {
  const found = await stage('detect', async () => {
    const r = await detectWithProfile()
    const gpus = r.hardware.gpus.length ? r.hardware.gpus.map((g) => g.name).join(', ') : 'no GPU'
    return [r, `${r.hardware.cpu.model}, ${r.hardware.ramGiB} GiB RAM, ${gpus} → profile ${r.profile?.id ?? 'cpu'}`]
  })
  await stage('plan', async () => {
    const {plan} = await resolvePlan({profile: found.profile?.id ?? 'cpu'})
    const primary = plan.models[0]
    const fit = plan.fits ? `fits in ${plan.budget.usableGiB} GiB` : `does not fit (${-plan.headroomGiB} GiB short)`
    return [
      plan,
      `${plan.profile}: ${plan.engine}, ${primary?.name} ${primary?.quantization} at ${primary?.context} tokens, ${fit}`,
    ]
  })

  const engine = await stage('engine', async () => {
    if (o.endpoint && o.model) {
      return [
        {url: o.endpoint, model: o.model, close: async () => {}, recordedAs: {}},
        `using the engine at ${o.endpoint} (model ${o.model})`,
      ]
    }
    const modelPath = o.modelPath ?? writeTinyModel(tinyModelPath(oacHome()))
    const server = await startEmbedded({modelPath, port: 0, context: 8192, parallel: 2})
    const store = Store.open()
    let endpointId: number
    try {
      endpointId = store.upsertEndpoint({
        name: 'quickstart',
        url: server.baseUrl,
        engine: 'embedded',
        model: server.model,
        contextLength: 8192,
        profile: 'cpu',
      })
    } catch (error) {
      // The engine is up: a failure to register it must not leave it serving (the process would never exit).
      await server.close()
      throw error
    } finally {
      store.close()
    }
    // Runs name what served them, so the report's engine column is not blank for the embedded engine.
    const recordedAs = {engine: 'embedded', endpointId}
    // A signal while the model loaded: nothing else will use this engine.
    if (o.signal.aborted) await server.close()
    return [
      Object.assign(server, {recordedAs}),
      `embedded engine (node-llama-cpp, CPU) serving ${server.model} at ${server.baseUrl}`,
    ]
  })

  try {
    const bench = await stage('bench', async () => {
      const report = await runBench(
        {
          endpoint: engine.url,
          model: engine.model,
          ...engine.recordedAs,
          concurrency: [1, 2],
          requestRates: [Number.POSITIVE_INFINITY],
          numPrompts: 8,
          dataset: 'random',
          inputLen: 256,
          outputLen: 64,
          outputLenSet: true,
          ignoreEos: true,
          mode: 'serve',
          save: true,
          seed: 0,
          signal: o.signal,
        },
        (e) => {
          if (e.type === 'sample')
            onLine(`point ${e.index + 1} of 2: ${e.done} of 8 requests${e.failed ? `, ${e.failed} failed` : ''}`)
        },
      )
      if (report.runId !== undefined) kept.benchRunId = report.runId
      if (report.status === 'partial') return [report, 'interrupted']
      const best = (report.runs as BenchPoint[]).reduce((a, b) => (b.output_throughput > a.output_throughput ? b : a))
      return [
        report,
        `${best.output_throughput.toFixed(0)} output tok/s at concurrency ${best.max_concurrency}, median TTFT ${best.median_ttft_ms.toFixed(0)} ms, mean TPOT ${best.mean_tpot_ms === null ? 'n/a (no decode observed)' : `${best.mean_tpot_ms.toFixed(1)} ms`}`,
      ]
    })
    const evaluation = await stage('eval', async () => {
      let total = 0
      const report = await runToolCallingEval(
        {
          endpoint: engine.url,
          model: engine.model,
          ...engine.recordedAs,
          mode: 'constrained',
          categories: ['simple', 'multiple', 'irrelevance'],
          limit: 4,
          repeat: 1,
          concurrency: 2,
          retryOnError: 0,
          save: true,
          signal: o.signal,
        },
        (e) => {
          if (e.type === 'start') total = e.total
          else onLine(`${e.done} of ${total} cases, ${e.passed} passed`)
        },
      )
      if (report.runId !== undefined) kept.evalRunId = report.runId
      if (report.status === 'partial') return [report, 'interrupted']
      const pct = (x: number) => `${(x * 100).toFixed(0)}%`
      return [
        report,
        `tool-calling accuracy ${report.overall.accuracy === null ? 'n/a' : pct(report.overall.accuracy)} over ${report.overall.attempts} cases (constrained mode), ${report.overall.parseable_rate === null ? 'no calls to parse' : `${pct(report.overall.parseable_rate)} parseable`}`,
      ]
    })
    const runIds = [bench.runId, evaluation.runId].filter((id): id is number => id !== undefined)
    const report = await stage('report', async () => {
      const r = await generateReport({
        runIds,
        options: {electricityPrice: 0.3, cloudPrice: 3, hoursPerDay: 8},
        cwd: o.cwd,
      })
      return [r, `report written to ${r.path}`]
    })
    return report.path
  } finally {
    await engine.close()
  }
}
