import type {ReplyEvent, ReplyUsage, ReplyWriter} from './reply-events.js'
import {sseFrame} from './sse-parser.js'

// Reply events as the OpenAI Responses API streams them: response.created / in_progress, then per output item
// output_item.added, its content (output_text.delta, reasoning_text.delta, function_call_arguments.delta), its
// .done events and output_item.done, and response.completed (or .incomplete at the token limit) with usage.

type Item =
  | {
      id: string
      type: 'message'
      status: string
      role: 'assistant'
      content: {type: 'output_text'; text: string; annotations: []}[]
    }
  | {id: string; type: 'reasoning'; summary: []; content: {type: 'reasoning_text'; text: string}[]}
  | {id: string; type: 'function_call'; status: string; call_id: string; name: string; arguments: string}

export class ResponsesWriter implements ReplyWriter {
  private readonly output: Item[] = []
  private readonly toolItem = new Map<number, number>()
  private open = -1
  private seq = 0
  private finish = 'stop'
  private usage: ReplyUsage | undefined
  private readonly createdAt = Math.floor(Date.now() / 1000)

  constructor(
    private readonly id: string,
    private readonly model: string,
    private readonly echo: Record<string, unknown> = {},
  ) {}

  start(): string {
    const response = this.response('in_progress')
    return this.frame('response.created', {response}) + this.frame('response.in_progress', {response})
  }

  write(e: ReplyEvent): string {
    switch (e.type) {
      case 'text': {
        const [frames, item] = this.ensure('message')
        const part = item.type === 'message' ? item.content[0] : undefined
        if (part) part.text += e.text
        return (
          frames +
          this.frame('response.output_text.delta', {...this.at(), content_index: 0, delta: e.text, logprobs: []})
        )
      }
      case 'reasoning': {
        const [frames, item] = this.ensure('reasoning')
        const part = item.type === 'reasoning' ? item.content[0] : undefined
        if (part) part.text += e.text
        return frames + this.frame('response.reasoning_text.delta', {...this.at(), content_index: 0, delta: e.text})
      }
      case 'tool-start': {
        const frames = this.close()
        const item: Item = {
          id: `fc_${e.id}`,
          type: 'function_call',
          status: 'in_progress',
          call_id: e.id,
          name: e.name,
          arguments: '',
        }
        this.output.push(item)
        this.open = this.output.length - 1
        this.toolItem.set(e.index, this.open)
        return frames + this.frame('response.output_item.added', {output_index: this.open, item: {...item}})
      }
      case 'tool-args': {
        const index = this.toolItem.get(e.index)
        const item = index === undefined ? undefined : this.output[index]
        if (index === undefined || item?.type !== 'function_call') return ''
        item.arguments += e.text
        return this.frame('response.function_call_arguments.delta', {
          item_id: item.id,
          output_index: index,
          delta: e.text,
        })
      }
      case 'finish':
        this.finish = e.reason
        return ''
      case 'usage':
        this.usage = e.usage
        return ''
      default:
        return e satisfies never
    }
  }

  end(): string {
    const frames = this.close()
    const incomplete = this.finish === 'length'
    const response = this.response(incomplete ? 'incomplete' : 'completed')
    return frames + this.frame(incomplete ? 'response.incomplete' : 'response.completed', {response})
  }

  result(): unknown {
    return this.response(this.finish === 'length' ? 'incomplete' : 'completed')
  }

  private response(status: string): Record<string, unknown> {
    const u = this.usage
    return {
      id: this.id,
      object: 'response',
      created_at: this.createdAt,
      status,
      model: this.model,
      output: status === 'in_progress' ? [] : this.output,
      incomplete_details: status === 'incomplete' ? {reason: 'max_output_tokens'} : null,
      error: null,
      parallel_tool_calls: true,
      tool_choice: 'auto',
      tools: [],
      ...this.echo,
      usage:
        status === 'in_progress' || !u
          ? null
          : {
              input_tokens: u.promptTokens,
              input_tokens_details: {cached_tokens: u.cachedTokens ?? 0},
              output_tokens: u.completionTokens,
              output_tokens_details: {reasoning_tokens: u.reasoningTokens ?? 0},
              total_tokens: u.promptTokens + u.completionTokens,
            },
    }
  }

  private at() {
    return {item_id: this.output[this.open]?.id ?? '', output_index: this.open}
  }

  private frame(type: string, body: Record<string, unknown>): string {
    return sseFrame({type, sequence_number: this.seq++, ...body}, type)
  }

  private ensure(type: 'message' | 'reasoning'): [string, Item] {
    const current = this.output[this.open]
    if (current?.type === type) return ['', current]
    let frames = this.close()
    const n = this.output.length
    const item: Item =
      type === 'message'
        ? {
            id: `msg_${this.id}_${n}`,
            type,
            status: 'in_progress',
            role: 'assistant',
            content: [{type: 'output_text', text: '', annotations: []}],
          }
        : {id: `rs_${this.id}_${n}`, type, summary: [], content: [{type: 'reasoning_text', text: ''}]}
    this.output.push(item)
    this.open = n
    const empty = type === 'message' ? {...item, content: []} : {...item, content: []}
    frames += this.frame('response.output_item.added', {output_index: n, item: empty})
    const part =
      type === 'message' ? {type: 'output_text', text: '', annotations: []} : {type: 'reasoning_text', text: ''}
    frames += this.frame('response.content_part.added', {item_id: item.id, output_index: n, content_index: 0, part})
    return [frames, item]
  }

  private close(): string {
    const item = this.output[this.open]
    if (!item) return ''
    const index = this.open
    this.open = -1
    let frames = ''
    if (item.type === 'function_call') {
      item.status = 'completed'
      frames += this.frame('response.function_call_arguments.done', {
        item_id: item.id,
        output_index: index,
        name: item.name,
        arguments: item.arguments,
      })
    } else {
      const part = item.content[0]
      const at = {item_id: item.id, output_index: index, content_index: 0}
      if (item.type === 'message') {
        item.status = 'completed'
        frames += this.frame('response.output_text.done', {...at, text: part?.text ?? '', logprobs: []})
      } else frames += this.frame('response.reasoning_text.done', {...at, text: part?.text ?? ''})
      frames += this.frame('response.content_part.done', {...at, part})
    }
    return frames + this.frame('response.output_item.done', {output_index: index, item})
  }
}
