import type {AgentEvent} from '../events.js'
import type {Rendered} from './rendered.js'

/** `--output-format stream-json`: every event as one JSON object per line, as it happens. */
export function renderStreamJson(e: AgentEvent): Rendered {
  return {stdout: JSON.stringify(e)}
}
