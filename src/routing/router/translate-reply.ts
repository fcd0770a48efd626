import type {ServerResponse} from 'node:http'
import type {UpstreamReply} from './forward.js'
import {ChatChunkReader, type ReplyWriter} from './wire/reply-events.js'
import {SseParser, sseFrame} from './wire/sse-parser.js'

// A Chat Completions reply rendered in the client's API as it arrives: each upstream chunk is parsed and the
// events it carries are written at once (no buffering of the reply). A non-streamed client gets the whole
// reply when the upstream finishes. Driven by 'data' events (no async iterator per chunk: this runs for every
// token of every stream); backpressure pauses the upstream until the client drains.

export interface TranslateOptions {
  writer: ReplyWriter
  stream: boolean
  /** Frame sent when the upstream dies mid-stream (each API has its own error event). */
  failureFrame: (message: string) => string
  onFirstByte: () => void
  /** Called when the upstream failed after the reply started (the client gets `failureFrame`). */
  onBroken: (message: string) => void
  /** A fresh tool-call id in the client API's shape (wire/tool-ids.ts). */
  callId: () => string
}

export function translateReply(reply: UpstreamReply, res: ServerResponse, o: TranslateOptions): Promise<void> {
  const reader = new ChatChunkReader(o.callId)
  const parser = new SseParser()
  const {writer, stream} = o
  const body = reply.body
  const sse = reply.contentType.includes('event-stream')
  let first = true
  let finished = false
  let whole = ''
  /** The stream's opening frames go out with the first upstream chunk's events: one write, not two. */
  let opening = ''
  const firstByte = () => {
    if (!first) return
    first = false
    o.onFirstByte()
  }
  const send = (text: string) => {
    if (!text || !stream || res.destroyed) return
    firstByte()
    if (!res.write(text)) {
      body.pause()
      res.once('drain', () => body.resume())
    }
  }
  /** Every event one network read completed goes out in one write. */
  const onChunk = (chunk: string) => {
    if (!sse) {
      whole += chunk
      return
    }
    let out = ''
    for (const ev of parser.push(chunk)) {
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
    send(opening + out)
    opening = ''
  }
  const complete = () => {
    let events = ''
    if (!sse) {
      for (const e of reader.readCompletion(JSON.parse(whole))) events += writer.write(e)
      finished = true
    }
    if (!finished) throw new Error('upstream closed the stream before the reply finished')
    firstByte()
    if (stream) return void res.end(opening + events + writer.end())
    writer.end()
    const text = JSON.stringify(writer.result())
    res.writeHead(200, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)})
    res.end(text)
  }

  if (stream) {
    res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'})
    opening = writer.start()
  }
  body.setEncoding('utf8')
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (error?: Error) => {
      if (settled) return
      settled = true
      body.off('data', onData)
      body.off('end', onEnd)
      body.off('error', settle)
      body.off('close', onClose)
      if (error) body.destroy()
      if (res.destroyed) return resolve()
      if (!error) return resolve()
      if (!stream) return reject(error)
      // A reset upstream socket says only "aborted": tell the client what broke.
      const told = error.message.startsWith('upstream')
        ? error.message
        : `upstream connection broke before the reply finished (${error.message})`
      o.onBroken(told)
      res.end(opening + o.failureFrame(told))
      resolve()
    }
    const onData = (chunk: string) => {
      try {
        onChunk(chunk)
      } catch (error) {
        settle(error as Error)
      }
    }
    const onEnd = () => {
      try {
        if (!res.destroyed) complete()
        settle()
      } catch (error) {
        settle(error as Error)
      }
    }
    const onClose = () => settle(new Error('upstream closed the stream before the reply finished'))
    body.on('data', onData)
    body.once('end', onEnd)
    body.once('error', settle)
    body.once('close', onClose)
  })
}

export const anthropicFailure = (message: string) =>
  sseFrame({type: 'error', error: {type: 'api_error', message}}, 'error')

export const responsesFailure = (message: string) =>
  sseFrame({type: 'error', code: 'server_error', message, param: null, sequence_number: 0}, 'error')
