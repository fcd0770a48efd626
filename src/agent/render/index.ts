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
