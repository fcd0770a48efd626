import {stripControls} from '../../util/terminal-text.js'
import type {AgentEvent} from '../events.js'
import type {Rendered} from './rendered.js'

// `--output-format text`: the answer on stdout (so it can be piped), progress on stderr. Both carry text from the
// model and from tools, so escape sequences and control characters are removed from all of it (terminal-text.ts).

const oneLine = (s: string, max = 160) => {
  const line = s.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}

export function renderText(e: AgentEvent): Rendered {
  const r = renderRaw(e)
  return {
    ...(r.stdout !== undefined ? {stdout: stripControls(r.stdout)} : {}),
    ...(r.stderr !== undefined ? {stderr: stripControls(r.stderr)} : {}),
  }
}

function renderRaw(e: AgentEvent): Rendered {
  switch (e.type) {
    case 'start':
      return {stderr: `oac agent: session ${e.sessionId}, ${e.model}, ${e.tools.length} tools, in ${e.root}`}
    case 'assistant':
      return e.final ? {} : {stderr: oneLine(e.text, 400)}
    case 'tool_call':
      return {stderr: `→ ${e.name} ${oneLine(e.arguments)}`}
    case 'tool_result':
      return {stderr: `  ${e.isError ? '✗' : '✓'} ${oneLine(e.output)}`}
    case 'usage':
    case 'delta':
    case 'request':
    case 'tool_output':
      return {}
    case 'compaction':
      return e.after === undefined
        ? {}
        : {stderr: `oac agent: compacted older turns into a summary (${e.before} → ${e.after} tokens)`}
    case 'notice':
      return {stderr: `oac agent: ${e.message}`}
    case 'error':
      return {stderr: `oac agent: error: ${e.message}`}
    case 'result': {
      const tail = `[${e.status}: ${e.turns} turns, ${e.usage.promptTokens}+${e.usage.completionTokens} tokens, ${(e.durationMs / 1000).toFixed(1)}s; resume with --resume ${e.sessionId}]`
      return e.status === 'error' ? {stderr: tail} : {stdout: e.text, stderr: tail}
    }
    default: {
      const never: never = e
      throw new Error(`unknown event ${JSON.stringify(never)}`)
    }
  }
}
