import {runShell} from '../shell.js'
import type {AgentOutcome, AgentTask, SweAgent} from './agent.js'
import {fillTemplate} from './template.js'

// An external agent (Qwen Code, OpenCode, Aider, Codex, Claude Code…) run as a shell command in the workspace.
// It gets the endpoint both as placeholders and as the environment variables OpenAI-compatible clients read.

function traceLine(stream: 'stdout' | 'stderr', line: string): string {
  if (stream === 'stdout' && line.startsWith('{')) {
    try {
      return JSON.stringify(JSON.parse(line))
    } catch {}
  }
  return JSON.stringify({type: stream, text: line})
}

export function commandAgent(template: string): SweAgent {
  return {
    name: `cmd:${template}`,
    async run(task: AgentTask): Promise<AgentOutcome> {
      const cmd = fillTemplate(template, {
        workspace: task.workspace,
        problem_file: task.problemFile,
        endpoint: task.endpoint,
        model: task.model,
      })
      const r = await runShell(cmd, {
        cwd: task.workspace,
        timeoutMs: task.timeoutMs,
        signal: task.signal,
        env: {
          OAC_WORKSPACE: task.workspace,
          OAC_PROBLEM_FILE: task.problemFile,
          OPENAI_BASE_URL: task.endpoint,
          OPENAI_API_KEY: process.env.OPENAI_API_KEY ?? 'oac-local',
          OPENAI_MODEL: task.model,
        },
      })
      const lines = [
        ...r.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => traceLine('stdout', l)),
        ...r.stderr
          .split('\n')
          .filter(Boolean)
          .map((l) => traceLine('stderr', l)),
      ]
      const counts = {turns: null, promptTokens: null, completionTokens: null, toolErrors: null}
      const trace = lines.join('\n')
      if (r.aborted || task.signal.aborted) return {status: 'aborted', ...counts, trace}
      if (r.timedOut)
        return {status: 'timeout', reason: `agent timed out after ${task.timeoutMs / 1000} s`, ...counts, trace}
      if (r.exitCode !== 0) {
        const tail = (r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ')
        return {
          status: 'crashed',
          reason: `agent crashed (exit ${r.exitCode ?? 'by signal'}): ${tail}`,
          ...counts,
          trace,
        }
      }
      return {status: 'done', ...counts, trace}
    },
  }
}
