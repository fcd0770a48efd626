import {once} from 'node:events'
import type {ServerResponse} from 'node:http'
import type {UpstreamReply} from './forward.js'
import {ChatChunkReader, type ReplyWriter} from './wire/reply-events.js'
import {SseParser, sseFrame} from './wire/sse-parser.js'

// A Chat Completions reply rendered in the client's API as it arrives: each upstream chunk is parsed and the
// events it carries are written at once (no buffering of the reply). A non-streamed client gets the whole
// reply when the upstream finishes.

export interface TranslateOptions {
  writer: ReplyWriter
  stream: boolean
  /** Frame sent when the upstream dies mid-stream (each API has its own error event). */
  failureFrame: (message: string) => string
  onFirstByte: () => void
}

export async function translateReply(reply: UpstreamReply, res: ServerResponse, o: TranslateOptions): Promise<void> {
  const reader = new ChatChunkReader()
  const parser = new SseParser()
  const {writer, stream} = o
  let first = true
  const send = async (text: string) => {
    if (!text || !stream) return
    if (first) {
      first = false
      o.onFirstByte()
    }
    if (!res.write(text)) await once(res, 'drain')
  }
  if (stream) {
    res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'})
    await send(writer.start())
  }
  let finished = false
  reply.body.setEncoding('utf8')
  try {
    if (!reply.contentType.includes('event-stream')) {
      let text = ''
      for await (const chunk of reply.body) text += chunk
      for (const e of reader.readCompletion(JSON.parse(text))) writer.write(e)
      finished = true
    } else
      for await (const chunk of reply.body) {
        // Every event one network read completed goes out in one write.
        let out = ''
        for (const ev of parser.push(chunk as string)) {
          if (ev.data === '[DONE]') {
            finished = true
            continue
          }
          const data = JSON.parse(ev.data) as Record<string, unknown>
          if (data.error) throw new Error(`upstream error mid-stream: ${JSON.stringify(data.error)}`)
          for (const e of reader.read(data)) {
            if (e.type === 'finish') finished = true
            out += writer.write(e)
          }
        }
        await send(out)
      }
  } catch (error) {
    if (res.destroyed) return
    // A reset upstream socket says only "aborted": tell the client what broke.
    const {message} = error as Error
    const told = message.startsWith('upstream')
      ? message
      : `upstream connection broke before the reply finished (${message})`
    if (stream) return void res.end(o.failureFrame(told))
    throw error
  }
  if (res.destroyed) return
  if (!finished) {
    const message = 'upstream closed the stream before the reply finished'
    if (stream) return void res.end(o.failureFrame(message))
    throw new Error(message)
  }
  if (stream) {
    res.end(writer.end())
    return
  }
  o.onFirstByte()
  writer.end()
  const text = JSON.stringify(writer.result())
  res.writeHead(200, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)})
  res.end(text)
}

export const anthropicFailure = (message: string) =>
  sseFrame({type: 'error', error: {type: 'api_error', message}}, 'error')

export const responsesFailure = (message: string) =>
  sseFrame({type: 'error', code: 'server_error', message, param: null, sequence_number: 0}, 'error')
