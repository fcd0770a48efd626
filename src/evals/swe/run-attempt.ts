import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {SweAgent} from './agents/agent.js'
import type {SweInstance} from './dataset.js'
import {budgetMs, judge, runSetup} from './judge.js'
import {keepLog} from './judge-attempt.js'
import {changedPaths, modelPatch} from './model-patch.js'
import type {AttemptResult} from './result.js'
import {checkout, repoDir} from './workspace.js'

// One attempt at one instance: fresh checkout of base_commit, setup, the agent, the model patch, the judge.
// Every failure on the way ends as an `error` result with its reason; the run goes on.

export interface AttemptOptions {
  reposDir: string
  /** Scratch folder of the run (workspaces, problem files). */
  workRoot: string
  agent: SweAgent
  endpoint: string
  model: string
  agentTimeoutMs: number
  testTimeoutMs: number
  signal: AbortSignal
}

/** undefined when the run was interrupted during the attempt (nothing to keep). */
export async function runAttempt(
  instance: SweInstance,
  attempt: number,
  o: AttemptOptions,
): Promise<AttemptResult | undefined> {
  const started = performance.now()
  const seconds = (from: number) => Math.round(performance.now() - from) / 1000
  const base = {
    instance_id: instance.instance_id,
    attempt,
    turns: null,
    prompt_tokens: null,
    completion_tokens: null,
    tool_errors: null,
    agent_s: 0,
    judge_s: 0,
    model_patch: '',
    trace: '',
  }
  const fail = (reason: string, extra: Partial<AttemptResult> = {}): AttemptResult => ({
    ...base,
    status: 'error',
    reason,
    duration_s: seconds(started),
    ...extra,
  })
  const source = repoDir(o.reposDir, instance.repo)
  if (!source) return fail(`checkout failed: repository ${instance.repo} is not in ${o.reposDir}`)
  const scratch = join(o.workRoot, `${instance.instance_id.replace(/[^\w.-]/g, '_')}-${attempt}`)
  await mkdir(scratch, {recursive: true})
  let ws: Awaited<ReturnType<typeof checkout>>
  try {
    ws = await checkout(source, instance.base_commit, scratch)
  } catch (error) {
    return fail(`checkout failed: ${(error as Error).message}`)
  }
  let outcome: Awaited<ReturnType<SweAgent['run']>>
  let patch: string
  const agentStarted = performance.now()
  try {
    const setupFailed = await runSetup(instance, ws.dir, Date.now() + budgetMs(instance, o.testTimeoutMs), o.signal)
    if (setupFailed) return o.signal.aborted ? undefined : fail(setupFailed)
    const fromSetup = instance.setup_cmd ? await changedPaths(ws.dir) : []
    const problemFile = join(scratch, 'problem.md')
    await writeFile(problemFile, `${instance.problem_statement.trim()}\n`)
    outcome = await o.agent.run({
      workspace: ws.dir,
      problemFile,
      problem: instance.problem_statement,
      endpoint: o.endpoint,
      model: o.model,
      timeoutMs: o.agentTimeoutMs,
      signal: o.signal,
    })
    if (outcome.status === 'aborted' || o.signal.aborted) return undefined
    patch = await modelPatch(ws.dir, instance.base_commit, fromSetup)
  } finally {
    await ws.dispose()
  }
  const agentPart = {
    turns: outcome.turns,
    prompt_tokens: outcome.promptTokens,
    completion_tokens: outcome.completionTokens,
    tool_errors: outcome.toolErrors,
    agent_s: seconds(agentStarted),
    model_patch: patch,
    trace: outcome.trace,
  }
  if (outcome.status !== 'done') return fail(outcome.reason ?? outcome.status, agentPart)
  const judgeStarted = performance.now()
  const verdict = await judge(instance, patch, {
    source,
    workRoot: scratch,
    timeoutMs: o.testTimeoutMs,
    signal: o.signal,
  })
  if (o.signal.aborted) return undefined
  const reason = [verdict.reason, outcome.reason].filter(Boolean).join('; ')
  return {
    ...base,
    ...agentPart,
    status: verdict.status,
    ...(reason ? {reason} : {}),
    duration_s: seconds(started),
    judge_s: seconds(judgeStarted),
    ...(verdict.failToPass ? {fail_to_pass: verdict.failToPass} : {}),
    ...(verdict.passToPass ? {pass_to_pass: verdict.passToPass} : {}),
    ...(verdict.log !== undefined ? {test_log: keepLog(verdict.log)} : {}),
  }
}
