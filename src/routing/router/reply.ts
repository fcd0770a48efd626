import {randomBytes} from 'node:crypto'
import type {ServerResponse} from 'node:http'
import {estimatedUsage, fromReplyUsage} from '../cost/token-usage.js'
import {UsageTap} from '../cost/usage-tap.js'
import {RouterError} from './client-errors.js'
import type {ContextOverflow} from './context-fit.js'
import {errorMessage, readText, type UpstreamReply} from './forward.js'
import type {RequestRecord} from './request-record.js'
import {anthropicFailure, responsesFailure, translateReply} from './translate-reply.js'
import type {ProxiedApi} from './upstream-request.js'
import {AnthropicWriter} from './wire/anthropic-writer.js'
import type {ReplyEvent, ReplyWriter} from './wire/reply-events.js'
import {ResponsesWriter} from './wire/responses-writer.js'
import {anthropicToolId, responsesCallId} from './wire/tool-ids.js'

// The reply of the upstream that answered, on its way to the client: passed through as it came (the upstream speaks
// the client's API; its usage read from the bytes by a tap) or translated event by event. Either way the request
// record learns the tokens and the time of the first byte.

export interface ReplyContext {
  record: RequestRecord
  /** Called once, when the first reply byte goes to the client. */
  firstByte: () => void
}

export async function answer(
  ctx: ReplyContext,
  api: ProxiedApi,
  native: boolean,
  reply: UpstreamReply,
  body: Record<string, unknown>,
  model: string,
  res: ServerResponse,
): Promise<void> {
  const {record} = ctx
  // Its events are gone if it broke between the first byte and here: say so rather than wait for them.
  if (reply.body.destroyed) throw new RouterError(502, 'upstream connection broke before the reply started')
  if (native) {
    const sse = reply.contentType.includes('event-stream')
    res.writeHead(reply.status, {
      'content-type': reply.contentType || 'application/json',
      ...(sse ? {'cache-control': 'no-cache'} : {}),
    })
    const tap = new UsageTap(sse)
    record.usage = () => tap.usage() ?? estimatedUsage(record.bytes, tap.estimatedOutput())
    reply.body.once('data', ctx.firstByte)
    reply.body.on('data', (chunk: Buffer) => tap.push(chunk))
    reply.body.once('aborted', () => {
      record.broken = true
      record.error = 'upstream connection broke mid-reply'
      res.destroy()
    })
    reply.body.pipe(res)
    await new Promise<void>((resolve) => res.once('close', resolve))
    return
  }
  if (reply.status >= 400) {
    const text = await readText(reply.body)
    throw new RouterError(reply.status, errorMessage(text))
  }
  const id = randomBytes(12).toString('hex')
  const writer =
    api === 'messages'
      ? new AnthropicWriter(`msg_${id}`, model, 0)
      : new ResponsesWriter(`resp_${id}`, model, echoFields(body))
  await translateReply(reply, res, {
    writer: countingUsage(writer, record),
    stream: body.stream === true,
    failureFrame: api === 'messages' ? anthropicFailure : responsesFailure,
    onFirstByte: ctx.firstByte,
    onBroken: (message) => {
      record.broken = true
      record.error = message
    },
    callId: api === 'messages' ? anthropicToolId : responsesCallId,
  }).catch((error: Error) => {
    throw error instanceof RouterError ? error : new RouterError(502, error.message)
  })
}

/** The writer, noting the reply's usage event (or, without one, its text events) in the record as they pass. */
function countingUsage(writer: ReplyWriter, record: RequestRecord): ReplyWriter {
  let events = 0
  record.usage = () => estimatedUsage(record.bytes, events)
  return {
    start: () => writer.start(),
    write(e: ReplyEvent) {
      if (e.type === 'usage') {
        const usage = fromReplyUsage(e.usage)
        record.usage = () => usage
      } else if (e.type === 'text' || e.type === 'reasoning' || e.type === 'tool-args') events++
      return writer.write(e)
    },
    end: () => writer.end(),
    result: () => writer.result(),
  }
}

/**
 * An engine's 400 (already read): passed through as it came to a client of the same API; else in the client's
 * format, a context refusal told as what the client can act on (a reply that finds no room: the prompt is too long).
 */
export function refused(
  native: boolean,
  reply: UpstreamReply,
  text: string,
  overflow: ContextOverflow | undefined,
  res: ServerResponse,
): void {
  if (native) {
    res.writeHead(400, {'content-type': reply.contentType || 'application/json'})
    return void res.end(text)
  }
  const told =
    overflow?.kind === 'output' && overflow.prompt !== undefined ? {...overflow, kind: 'prompt' as const} : overflow
  throw new RouterError(400, errorMessage(text), undefined, undefined, told)
}

/** Request fields a Responses reply repeats back. */
function echoFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of [
    'instructions',
    'max_output_tokens',
    'temperature',
    'top_p',
    'tools',
    'tool_choice',
    'metadata',
    'store',
  ])
    if (body[key] !== undefined) out[key] = body[key]
  return out
}
