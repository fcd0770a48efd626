import type {AgentEvent} from '../events.js'
import {renderJson} from './render-json.js'
import {renderStreamJson} from './render-stream-json.js'
import {renderText} from './render-text.js'
import type {Rendered} from './rendered.js'

export type {Rendered} from './rendered.js'

export const OUTPUT_FORMATS = ['text', 'json', 'stream-json'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export const RENDERERS: Record<OutputFormat, (e: AgentEvent) => Rendered> = {
  text: renderText,
  json: renderJson,
  'stream-json': renderStreamJson,
}

/** Where rendered output goes: the command's stdout and stderr writers. */
export interface Outputs {
  log(text: string): void
  logToStderr(text: string): void
}

/** An event listener that renders each event in `format` and writes it out. */
export function emitTo(format: OutputFormat, out: Outputs): (e: AgentEvent) => void {
  const render = RENDERERS[format]
  return (e) => {
    const rendered = render(e)
    if (rendered.stdout !== undefined) out.log(rendered.stdout)
    if (rendered.stderr !== undefined) out.logToStderr(rendered.stderr)
  }
}
