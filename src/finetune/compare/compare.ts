import {loadDataset} from '../../evals/swe/dataset.js'
import {runSwe} from '../../evals/swe/run-swe.js'
import {runToolCallingEval} from '../../evals/tool-calling/run-eval.js'
import {openAiBaseUrl} from '../../llm/endpoint.js'
import {type PairedInterval, pairedInterval} from './bootstrap.js'
import {type Verdict, verdictOf} from './verdict.js'

// `oac finetune compare`: the tuned model against its base on the same held-out tasks (the `eval` split of a
// mined dataset, or every task when the dataset has no split) with `oac eval swe`, and on `oac eval tool-calling`,
// then the paired interval and the verdict by the declared rules (verdict.ts). Both runs are stored like any eval
// run, so `oac report` and `route pick` see them.

export interface CompareOptions {
  dataset: string
  reposDir?: string | undefined
  endpoint: string
  tunedEndpoint?: string | undefined
  base: string
  tuned: string
  agent: string
  concurrency: number
  maxTurns: number
  /** Tool-calling cases per model (default: the whole suite). */
  toolLimit?: number | undefined
  signal: AbortSignal
}

export type CompareEvent = {type: 'stage'; stage: string}

export interface CompareReport {
  dataset: string
  tasks: string[]
  base: {
    model: string
    resolved: number
    tool_accuracy: number | null
    swe_run?: number | undefined
    tool_run?: number | undefined
  }
  tuned: {
    model: string
    resolved: number
    tool_accuracy: number | null
    swe_run?: number | undefined
    tool_run?: number | undefined
  }
  swe: PairedInterval
  verdict: Verdict
  why: string
}

/** The held-out tasks of a dataset: its eval split, or all of it when it has no split. */
export function heldOutIds(dataset: string): string[] {
  const rows = loadDataset(dataset)
  const held = rows.filter((r) => r.split === 'eval')
  return (held.length || rows.some((r) => r.split) ? held : rows).map((r) => r.instance_id)
}

export async function compareModels(
  o: CompareOptions,
  emit: (e: CompareEvent) => void = () => {},
): Promise<CompareReport> {
  const tasks = heldOutIds(o.dataset)
  const measure = async (endpoint: string, model: string) => {
    emit({type: 'stage', stage: `eval swe · ${model}`})
    const swe = await runSwe({
      dataset: o.dataset,
      ...(o.reposDir ? {reposDir: o.reposDir} : {}),
      agent: o.agent,
      endpoint: openAiBaseUrl(endpoint),
      model,
      instances: tasks,
      repeat: 1,
      concurrency: o.concurrency,
      maxTurns: o.maxTurns,
      tokenBudget: 0,
      agentTimeoutS: 1800,
      testTimeoutS: 300,
      save: true,
      signal: o.signal,
    })
    emit({type: 'stage', stage: `eval tool-calling · ${model}`})
    const tools = await runToolCallingEval({
      endpoint: openAiBaseUrl(endpoint),
      model,
      mode: 'native',
      ...(o.toolLimit ? {limit: o.toolLimit} : {}),
      repeat: 1,
      concurrency: o.concurrency,
      retryOnError: 0,
      save: true,
      signal: o.signal,
    })
    const resolved = new Map(swe.instances.map((i) => [i.instance_id, i.status === 'resolved']))
    const judged = new Set(swe.instances.filter((i) => i.status !== 'error').map((i) => i.instance_id))
    return {swe, tools, resolved, judged}
  }
  const base = await measure(o.endpoint, o.base)
  const tuned = await measure(o.tunedEndpoint ?? o.endpoint, o.tuned)
  // Paired on the tasks judged for both models: a harness error on either side measures nothing for that task.
  const both = tasks.filter((t) => base.judged.has(t) && tuned.judged.has(t))
  const swe = pairedInterval(
    both.map((t) => ({base: base.resolved.get(t) === true, tuned: tuned.resolved.get(t) === true})),
  )
  const toolCalling = {base: base.tools.overall.accuracy, tuned: tuned.tools.overall.accuracy}
  const {verdict, why} = verdictOf({swe, toolCalling})
  const side = (model: string, m: typeof base) => ({
    model,
    resolved: both.filter((t) => m.resolved.get(t)).length,
    tool_accuracy: m.tools.overall.accuracy,
    swe_run: m.swe.runId,
    tool_run: m.tools.runId,
  })
  return {dataset: o.dataset, tasks: both, base: side(o.base, base), tuned: side(o.tuned, tuned), swe, verdict, why}
}
