import type {AgentEvent} from '../events.js'
import type {Rendered} from './rendered.js'

/** `--output-format json`: one JSON object, the final result, when the run ends. */
export function renderJson(e: AgentEvent): Rendered {
  return e.type === 'result' ? {stdout: JSON.stringify(e)} : {}
}
