// The load generator of bench/gateways.ts: streamed requests in one client API, for a fixed time at a fixed
// concurrency, timing every reply event that carries text and checking the whole text against the expected reply.
import {Agent, request} from 'node:http'

export type Api = 'chat' | 'messages' | 'responses'

const PROMPT = 'Write a function.'
/** Room for the whole scripted reply (it is far shorter), so no reply is cut. */
const MAX_TOKENS = 64

export const API: Record<Api, {path: string; body: string; text: (event: Record<string, unknown>) => string}> = {
  chat: {
    path: '/v1/chat/completions',
    body: JSON.stringify({
      model: 'm',
      stream: true,
      max_tokens: MAX_TOKENS,
      messages: [{role: 'user', content: PROMPT}],
    }),
    text: (e) => ((e.choices as {delta?: {content?: string}}[] | undefined)?.[0]?.delta?.content ?? '') as string,
  },
  messages: {
    path: '/v1/messages',
    body: JSON.stringify({
      model: 'm',
      stream: true,
      max_tokens: MAX_TOKENS,
      messages: [{role: 'user', content: PROMPT}],
    }),
    text: (e) =>
      e.type === 'content_block_delta' && (e.delta as {type?: string}).type === 'text_delta'
        ? ((e.delta as {text: string}).text ?? '')
        : '',
  },
  responses: {
    path: '/v1/responses',
    body: JSON.stringify({model: 'm', stream: true, max_output_tokens: MAX_TOKENS, input: PROMPT}),
    text: (e) => (e.type === 'response.output_text.delta' ? String(e.delta ?? '') : ''),
  },
}

/** One reply: time to its first text event, the gaps between its text events, and whether its text was right. */
interface Reply {
  ttft: number
  gaps: number[]
  ok: boolean
}

export interface RunResult {
  ttfts: number[]
  gaps: number[]
  requests: number
  /** Replies that failed (HTTP error, no text) or whose text differs from the expected reply. */
  wrong: number
  seconds: number
}

const agent = new Agent({keepAlive: true, maxSockets: 1024})

function one(base: string, api: Api, expected: string): Promise<Reply> {
  const {path, body, text} = API[api]
  return new Promise((resolve, reject) => {
    const start = performance.now()
    let ttft = -1
    let last = 0
    let got = ''
    let pending = ''
    const gaps: number[] = []
    const req = request(
      `${base}${path}`,
      {
        method: 'POST',
        agent,
        headers: {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)},
      },
      (res) => {
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          const now = performance.now()
          pending += chunk
          let cut = pending.indexOf('\n\n')
          while (cut >= 0) {
            const block = pending.slice(0, cut)
            pending = pending.slice(cut + 2)
            cut = pending.indexOf('\n\n')
            const data = block.split('\n').find((l) => l.startsWith('data:'))
            if (!data || data.includes('[DONE]')) continue
            const piece = text(JSON.parse(data.slice(5)) as Record<string, unknown>)
            if (!piece) continue
            if (ttft < 0) ttft = now - start
            else gaps.push(now - last)
            last = now
            got += piece
          }
        })
        res.on('end', () => resolve({ttft, gaps, ok: res.statusCode === 200 && ttft >= 0 && got === expected}))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** `concurrency` clients sending back to back for `seconds`; replies that finish after the deadline still count. */
export async function timedRun(
  base: string,
  api: Api,
  concurrency: number,
  seconds: number,
  expected: string,
): Promise<RunResult> {
  const out: RunResult = {ttfts: [], gaps: [], requests: 0, wrong: 0, seconds: 0}
  const start = performance.now()
  const deadline = start + seconds * 1000
  await Promise.all(
    Array.from({length: concurrency}, async () => {
      while (performance.now() < deadline) {
        const reply = await one(base, api, expected).catch(() => ({ttft: -1, gaps: [], ok: false}))
        out.requests++
        if (!reply.ok) out.wrong++
        if (reply.ttft >= 0) out.ttfts.push(reply.ttft)
        out.gaps.push(...reply.gaps)
      }
    }),
  )
  out.seconds = (performance.now() - start) / 1000
  return out
}

export const closeClient = () => agent.destroy()
