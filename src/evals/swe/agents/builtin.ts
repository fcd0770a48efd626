import {join} from 'node:path'
import type {AgentEvent, AgentStatus} from '../../../agent/events.js'
import {runHeadless} from '../../../agent/headless.js'
import type {AgentOutcome, AgentTask, SweAgent} from './agent.js'

// `--agent builtin`: `oac agent -p` run in-process in the workspace, with a turn limit, a token budget (the agent's
// --max-tokens) and the wall-clock limit. Its events are the trace.

export interface BuiltinLimits {
  maxTurns: number
  /** The agent's --max-tokens budget over the whole task (0: none). */
  tokenBudget: number
  /** Where the agent's session database goes (one per run). */
  sessionsDb: string
}

/** The task as the agent reads it: the problem, and what "done" means here. */
export function builtinTask(problem: string): string {
  return `${problem.trim()}\n\nChange the code in this repository so that the issue above is resolved. The maintainers will check the fix with their own tests, which may differ from the ones in the repository. Do not edit existing tests to make them pass. Stop when the fix is done.`
}

const STOPPED: Partial<Record<AgentStatus, string>> = {
  max_turns: 'turn limit reached',
  budget: 'token budget spent',
  loop: 'stopped in a loop of repeated calls',
  cut: 'the answer stayed cut',
}

export function builtinAgent(limits: BuiltinLimits): SweAgent {
  return {
    name: 'builtin',
    async run(task: AgentTask): Promise<AgentOutcome> {
      const stop = new AbortController()
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        stop.abort()
      }, task.timeoutMs)
      const onAbort = () => stop.abort()
      task.signal.addEventListener('abort', onAbort, {once: true})
      const trace: string[] = []
      let toolErrors = 0
      const emit = (e: AgentEvent) => {
        if (e.type === 'delta') return
        trace.push(JSON.stringify(e))
        if (e.type === 'tool_result' && e.isError) toolErrors++
      }
      try {
        const result = await runHeadless(
          {
            task: builtinTask(task.problem),
            endpoint: task.endpoint,
            model: task.model,
            cwd: task.workspace,
            maxTurns: limits.maxTurns,
            ...(limits.tokenBudget ? {maxTokens: limits.tokenBudget} : {}),
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
        if (timedOut) return {status: 'timeout', reason: `agent timed out after ${task.timeoutMs / 1000} s`, ...counts}
        if (result.status === 'error') return {status: 'crashed', reason: `agent failed: ${result.text}`, ...counts}
        // A limit ends the agent's work; what it changed until then is judged, as SWE-bench does.
        return {status: 'done', ...(STOPPED[result.status] ? {reason: STOPPED[result.status]} : {}), ...counts}
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
