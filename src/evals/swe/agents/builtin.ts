import {join} from 'node:path'
import type {AgentEvent} from '../../../agent/events.js'
import {runHeadless} from '../../../agent/headless.js'
import type {AgentOutcome, AgentTask, SweAgent} from './agent.js'

// `--agent builtin`: `oac agent -p` run in-process in the workspace, with a turn limit, a token budget (prompt +
// completion tokens over the whole task) and the wall-clock limit. Its events are the trace.

export interface BuiltinLimits {
  maxTurns: number
  /** Stop once prompt + completion tokens reach this (0: no budget). */
  tokenBudget: number
  /** Where the agent's session database goes (one per run). */
  sessionsDb: string
}

/** The task as the agent reads it: the problem, and what "done" means here. */
export function builtinTask(problem: string): string {
  return `${problem.trim()}\n\nChange the code in this repository so that the issue above is resolved. The maintainers will check the fix with their own tests, which may differ from the ones in the repository. Do not edit existing tests to make them pass. Stop when the fix is done.`
}

export function builtinAgent(limits: BuiltinLimits): SweAgent {
  return {
    name: 'builtin',
    async run(task: AgentTask): Promise<AgentOutcome> {
      const stop = new AbortController()
      let why: 'timeout' | 'budget' | undefined
      const timer = setTimeout(() => {
        why = 'timeout'
        stop.abort()
      }, task.timeoutMs)
      const onAbort = () => stop.abort()
      task.signal.addEventListener('abort', onAbort, {once: true})
      const trace: string[] = []
      let tokens = 0
      let toolErrors = 0
      const emit = (e: AgentEvent) => {
        if (e.type === 'delta') return
        trace.push(JSON.stringify(e))
        if (e.type === 'tool_result' && e.isError) toolErrors++
        if (e.type === 'usage') {
          tokens += e.promptTokens + e.completionTokens
          if (limits.tokenBudget && tokens >= limits.tokenBudget && !stop.signal.aborted) {
            why = 'budget'
            stop.abort()
          }
        }
      }
      try {
        const result = await runHeadless(
          {
            task: builtinTask(task.problem),
            endpoint: task.endpoint,
            model: task.model,
            cwd: task.workspace,
            maxTurns: limits.maxTurns,
            yes: true,
            dbFile: limits.sessionsDb,
            signal: stop.signal,
          },
          emit,
        )
        const counts = {
          turns: result.turns,
          promptTokens: result.usage.promptTokens,
          completionTokens: result.usage.completionTokens,
          toolErrors,
          trace: trace.join('\n'),
        }
        if (task.signal.aborted) return {status: 'aborted', ...counts}
        if (why === 'timeout')
          return {status: 'timeout', reason: `agent timed out after ${task.timeoutMs / 1000} s`, ...counts}
        if (why === 'budget')
          return {status: 'done', reason: `token budget of ${limits.tokenBudget} reached`, ...counts}
        if (result.status === 'error') return {status: 'crashed', reason: `agent failed: ${result.text}`, ...counts}
        return {status: 'done', ...(result.status === 'max_turns' ? {reason: 'turn limit reached'} : {}), ...counts}
      } catch (error) {
        return {
          status: 'crashed',
          reason: `agent crashed: ${(error as Error).message}`,
          turns: null,
          promptTokens: null,
          completionTokens: null,
          toolErrors,
          trace: trace.join('\n'),
        }
      } finally {
        clearTimeout(timer)
        task.signal.removeEventListener('abort', onAbort)
      }
    },
  }
}

/** The default place of the built-in agent's sessions during a run: beside the run's workspaces. */
export function sessionsDbIn(workRoot: string): string {
  return join(workRoot, 'sessions.db')
}
