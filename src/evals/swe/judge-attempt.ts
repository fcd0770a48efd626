import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'
import type {SweInstance} from './dataset.js'
import {judge} from './judge.js'
import type {AttemptResult} from './result.js'
import {repoDir} from './workspace.js'

// `oac eval swe --judge`: one prediction of another harness judged as an agent's patch would be, with no agent and
// no endpoint. The result has the shape of an agent's attempt (turns and tokens unknown), so the store, the report,
// the gate and export read both alike.

export interface JudgeAttemptOptions {
  reposDir: string
  workRoot: string
  testTimeoutMs: number
  signal: AbortSignal
}

/** undefined when the run was interrupted while judging (nothing to keep). */
export async function judgeAttempt(
  instance: SweInstance,
  patch: string | null,
  o: JudgeAttemptOptions,
): Promise<AttemptResult | undefined> {
  const started = performance.now()
  const base = {
    instance_id: instance.instance_id,
    attempt: 0,
    turns: null,
    prompt_tokens: null,
    completion_tokens: null,
    tool_errors: null,
    agent_s: 0,
    model_patch: patch ?? '',
    trace: '',
  }
  const seconds = () => Math.round(performance.now() - started) / 1000
  const source = repoDir(o.reposDir, instance.repo)
  if (!source)
    return {
      ...base,
      status: 'error',
      reason: `checkout failed: repository ${instance.repo} is not in ${o.reposDir}`,
      duration_s: seconds(),
      judge_s: seconds(),
    }
  const scratch = join(o.workRoot, `${instance.instance_id.replace(/[^\w.-]/g, '_')}-judge`)
  await mkdir(scratch, {recursive: true})
  const verdict = await judge(instance, patch ?? '', {
    source,
    workRoot: scratch,
    timeoutMs: o.testTimeoutMs,
    signal: o.signal,
  })
  if (o.signal.aborted) return undefined
  return {
    ...base,
    status: verdict.status,
    ...(verdict.reason ? {reason: verdict.reason} : {}),
    duration_s: seconds(),
    judge_s: seconds(),
    ...(verdict.failToPass ? {fail_to_pass: verdict.failToPass} : {}),
    ...(verdict.passToPass ? {pass_to_pass: verdict.passToPass} : {}),
    ...(verdict.log !== undefined ? {test_log: keepLog(verdict.log)} : {}),
  }
}

/** The most of a test log a sample keeps: 4 MiB, head and tail, with a note of what was cut. */
export function keepLog(log: string, max = 4 * 1024 * 1024): string {
  if (log.length <= max) return log
  const half = Math.floor(max / 2)
  return `${log.slice(0, half)}\n[… ${log.length - 2 * half} characters cut by oac …]\n${log.slice(-half)}`
}
