import {randomBytes} from 'node:crypto'
import type {ReplyEvent, ReplyUsage, ReplyWriter} from './reply-events.js'
import {sseFrame} from './sse-parser.js'

// Reply events as the Anthropic Messages API streams them: message_start, content_block_start/delta/stop (text,
// thinking with a closing signature_delta, tool_use with input_json_delta), message_delta (stop reason, usage),
// message_stop. The same blocks make the non-streamed message.

type Block =
  | {type: 'text'; text: string}
  | {type: 'thinking'; thinking: string; signature: string}
  | {type: 'tool_use'; id: string; name: string; input: string}

export const ANTHROPIC_STOP_REASON: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
}

/** Local engines sign nothing; clients only need a non-empty signature to send thinking back. */
export const thinkingSignature = () => `oac-${randomBytes(12).toString('base64url')}`

export class AnthropicWriter implements ReplyWriter {
  private readonly blocks: Block[] = []
  private readonly toolBlock = new Map<number, number>()
  private open = -1
  private stopReason = 'end_turn'
  private usage: ReplyUsage

  constructor(
    private readonly id: string,
    private readonly model: string,
    estimatedInputTokens: number,
  ) {
    this.usage = {promptTokens: estimatedInputTokens, completionTokens: 0}
  }

  start(): string {
    const message = {
      id: this.id,
      type: 'message',
      role: 'assistant',
      model: this.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {input_tokens: this.usage.promptTokens, output_tokens: 0},
    }
    return sseFrame({type: 'message_start', message}, 'message_start') + sseFrame({type: 'ping'}, 'ping')
  }

  write(e: ReplyEvent): string {
    switch (e.type) {
      case 'text': {
        const [frames, b] = this.ensure('text')
        if (b.type === 'text') b.text += e.text
        return frames + this.delta(this.open, {type: 'text_delta', text: e.text})
      }
      case 'reasoning': {
        const [frames, b] = this.ensure('thinking')
        if (b.type === 'thinking') b.thinking += e.text
        return frames + this.delta(this.open, {type: 'thinking_delta', thinking: e.text})
      }
      case 'tool-start': {
        const frames = this.close()
        this.blocks.push({type: 'tool_use', id: e.id, name: e.name, input: ''})
        this.open = this.blocks.length - 1
        this.toolBlock.set(e.index, this.open)
        const start = {type: 'tool_use', id: e.id, name: e.name, input: {}}
        return (
          frames +
          sseFrame({type: 'content_block_start', index: this.open, content_block: start}, 'content_block_start')
        )
      }
      case 'tool-args': {
        const index = this.toolBlock.get(e.index)
        const b = index === undefined ? undefined : this.blocks[index]
        if (index === undefined || b?.type !== 'tool_use') return ''
        b.input += e.text
        return this.delta(index, {type: 'input_json_delta', partial_json: e.text})
      }
      case 'finish':
        this.stopReason = ANTHROPIC_STOP_REASON[e.reason] ?? 'end_turn'
        return ''
      case 'usage':
        this.usage = e.usage
        return ''
      default:
        return e satisfies never
    }
  }

  end(): string {
    const usage: Record<string, number> = {
      input_tokens: this.usage.promptTokens,
      output_tokens: this.usage.completionTokens,
    }
    if (this.usage.cachedTokens) usage.cache_read_input_tokens = this.usage.cachedTokens
    const delta = {type: 'message_delta', delta: {stop_reason: this.stopReason, stop_sequence: null}, usage}
    return this.close() + sseFrame(delta, 'message_delta') + sseFrame({type: 'message_stop'}, 'message_stop')
  }

  result(): unknown {
    const usage: Record<string, number> = {
      input_tokens: this.usage.promptTokens,
      output_tokens: this.usage.completionTokens,
    }
    if (this.usage.cachedTokens) usage.cache_read_input_tokens = this.usage.cachedTokens
    return {
      id: this.id,
      type: 'message',
      role: 'assistant',
      model: this.model,
      content: this.blocks.map((b) => (b.type === 'tool_use' ? {...b, input: parseInput(b.input)} : b)),
      stop_reason: this.stopReason,
      stop_sequence: null,
      usage,
    }
  }

  private ensure(type: 'text' | 'thinking'): [string, Block] {
    const current = this.blocks[this.open]
    if (current?.type === type) return ['', current]
    const frames = this.close()
    const block: Block = type === 'text' ? {type, text: ''} : {type, thinking: '', signature: ''}
    this.blocks.push(block)
    this.open = this.blocks.length - 1
    const start = type === 'text' ? {type, text: ''} : {type, thinking: '', signature: ''}
    return [
      frames + sseFrame({type: 'content_block_start', index: this.open, content_block: start}, 'content_block_start'),
      block,
    ]
  }

  private close(): string {
    const current = this.blocks[this.open]
    if (!current) return ''
    let frames = ''
    if (current.type === 'thinking') {
      current.signature = thinkingSignature()
      frames += this.delta(this.open, {type: 'signature_delta', signature: current.signature})
    }
    frames += sseFrame({type: 'content_block_stop', index: this.open}, 'content_block_stop')
    this.open = -1
    return frames
  }

  private delta(index: number, delta: Record<string, unknown>): string {
    return sseFrame({type: 'content_block_delta', index, delta}, 'content_block_delta')
  }
}

function parseInput(text: string): unknown {
  try {
    return JSON.parse(text || '{}')
  } catch {
    return {}
  }
}
