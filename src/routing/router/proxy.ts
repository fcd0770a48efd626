import {randomBytes} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {setTimeout as sleep} from 'node:timers/promises'
import type {RouterSettings, RoutingConfig, Target, UpstreamApi} from '../config.js'
import {retryAfterSeconds} from './busy.js'
import {RouterError} from './client-errors.js'
import {type ContextOverflow, fitMaxTokens, parseContextOverflow, roomAfterRefusal} from './context-fit.js'
import {AttemptFailure, attempt, errorMessage, readText, type UpstreamReply} from './forward.js'
import type {HealthChecker} from './health.js'
import type {RouterMetrics} from './metrics.js'
import {estimateTokens, pickTargets, routableModels} from './pick-route.js'
import type {RequestRecord} from './request-record.js'
import {anthropicFailure, responsesFailure, translateReply} from './translate-reply.js'
import type {Upstream, UpstreamPool} from './upstream-pool.js'
import {forwardHeaders, type ProxiedApi, requestedTokens, upstreamBody} from './upstream-request.js'

import {stripBillingHeader} from './wire/anthropic-to-chat.js'
import {AnthropicWriter} from './wire/anthropic-writer.js'
import {ResponsesWriter} from './wire/responses-writer.js'
import {anthropicToolId, responsesCallId} from './wire/tool-ids.js'

// One proxied request: route it, try its candidates in order (fallback only before the first byte reached the
// client), then pass the reply through (the upstream speaks the client's API) or translate it chunk by chunk.

export interface ProxyContext {
  config: RoutingConfig
  pool: UpstreamPool
  health: HealthChecker
  metrics: RouterMetrics
  arrivedAt: number
  /** Filled in as the request goes: who answered, after how many failed candidates, what broke. */
  record: RequestRecord
}

interface Candidate {
  target: Target
  upstream: Upstream
}

export async function proxy(
  ctx: ProxyContext,
  api: ProxiedApi,
  path: string,
  request: {body: Record<string, unknown>; text: string; bytes: number},
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const {body, bytes} = request
  const model = typeof body.model === 'string' ? body.model : ''
  if (!model) throw new RouterError(400, '`model` is required')
  // Unchanged requests pass through as the client's own bytes (no re-serialising).
  const raw = api === 'messages' && stripBillingHeader(body) ? undefined : request.text
  const routeApi: UpstreamApi = api === 'embeddings' ? 'chat' : api
  const hasTools = Array.isArray(body.tools) && body.tools.length > 0
  const targets = pickTargets(ctx.config, {model, api: routeApi, hasTools, promptTokens: () => estimateTokens(bytes)})
  if (!targets)
    throw new RouterError(
      404,
      `no route for model \`${model}\`; routable models: ${routableModels(ctx.config).join(', ')}`,
      'model_not_found',
    )
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const settings = ctx.config.settings
  const candidates: Candidate[] = []
  for (const target of targets) for (const upstream of ctx.pool.serving(target)) candidates.push({target, upstream})
  const problems: string[] = []
  const requested = requestedTokens(api, body)
  /** The room an engine's "output too large" refusal left: the one retry on the same upstream uses it. */
  let refit: number | undefined
  let attempts = 0
  for (let i = 0; i < candidates.length; i++) {
    const {target, upstream} = candidates[i] as Candidate
    if (!upstream.admit(performance.now())) {
      problems.push(`${upstream.name}: down (${upstream.lastError ?? 'failed health check'})`)
      continue
    }
    const native = api === 'embeddings' || upstream.config.apis.includes(api)
    const upstreamPath = native ? path : '/v1/chat/completions'
    const maxTokens = refit ?? fitMaxTokens(requested, upstream.contextOf(target.model), estimateTokens(bytes))
    let reply: UpstreamReply
    attempts++
    try {
      reply = await attempt(
        upstream,
        upstreamPath,
        upstreamBody(api, native, body, target.model, raw, settings, maxTokens),
        settings,
        controller.signal,
        forwardHeaders(req),
      )
    } catch (error) {
      if (controller.signal.aborted) return upstream.abandon()
      if (!(error instanceof AttemptFailure)) throw error
      ctx.metrics.upstreamError(upstream.name, error.kind)
      if (error.busyMs !== undefined) {
        const now = performance.now()
        upstream.busy(now + error.busyMs, error.reason)
        // Waited out on the same upstream when nothing else serves the model and the wait fits the first-byte budget.
        if (!otherServes(candidates, i) && now + error.busyMs < ctx.arrivedAt + settings.firstByteTimeoutMs) {
          await sleep(error.busyMs, undefined, {signal: controller.signal}).catch(() => undefined)
          if (controller.signal.aborted) return
          attempts--
          i--
          continue
        }
      } else {
        upstream.requestFailed(error.reason, settings, performance.now())
        void ctx.health.check(upstream)
      }
      problems.push(`${upstream.name}: ${error.reason}`)
      continue
    }
    if (upstream.state !== 'up' || upstream.failures > 0) upstream.succeeded()
    if (reply.status === 400 && requested !== undefined) {
      const text = await readText(reply.body).finally(reply.release)
      const overflow = parseContextOverflow(errorMessage(text))
      if (overflow?.context !== undefined && upstream.config.contextLength === undefined)
        upstream.learnedContext.set(target.model, overflow.context)
      const room = refit === undefined ? roomAfterRefusal(overflow, maxTokens ?? requested) : undefined
      if (room !== undefined) {
        refit = room
        attempts--
        i--
        continue
      }
      answeredBy(ctx, upstream, target, attempts)
      return refused(native, reply, text, overflow, res)
    }
    answeredBy(ctx, upstream, target, attempts)
    try {
      await answer(ctx, api, native, reply, body, model, res)
    } finally {
      reply.release()
    }
    return
  }
  throw new RouterError(
    503,
    `no upstream could answer \`${model}\`: ${problems.join('; ') || 'none serves it'}`,
    undefined,
    candidates.length ? retryAfterSeconds(nextChanceMs(candidates, settings)) : undefined,
  )
}

function answeredBy(ctx: ProxyContext, upstream: Upstream, target: Target, attempts: number): void {
  if (attempts > 1) ctx.metrics.fallback()
  const record = ctx.record
  record.upstream = upstream.name
  record.upstreamModel = target.model
  record.fallbacks = attempts - 1
}

/**
 * An engine's 400 (already read): passed through as it came to a client of the same API; else in the client's
 * format, a context refusal told as what the client can act on (a reply that finds no room: the prompt is too long).
 */
function refused(
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

/** Whether a later candidate serves the same model and is up and not busy. */
function otherServes(candidates: Candidate[], i: number): boolean {
  const {target} = candidates[i] as Candidate
  const now = performance.now()
  return candidates.some(
    (c, k) => k > i && c.target.model === target.model && c.upstream.up && c.upstream.busyUntil <= now,
  )
}

/** How long until some candidate may answer: the soonest end of a busy spell or of a down upstream's wait. */
function nextChanceMs(candidates: Candidate[], settings: RouterSettings): number {
  const now = performance.now()
  let soonest = Number.POSITIVE_INFINITY
  for (const {upstream: u} of candidates) {
    const at = Math.max(u.busyUntil, u.state === 'down' ? u.retryAt : 0)
    soonest = Math.min(soonest, at > now ? at - now : settings.halfOpenAfterMs)
  }
  return soonest
}

async function answer(
  ctx: ProxyContext,
  api: ProxiedApi,
  native: boolean,
  reply: UpstreamReply,
  body: Record<string, unknown>,
  model: string,
  res: ServerResponse,
): Promise<void> {
  const firstByte = () => ctx.metrics.firstToken((performance.now() - ctx.arrivedAt) / 1000)
  // Its events are gone if it broke between the first byte and here: say so rather than wait for them.
  if (reply.body.destroyed) throw new RouterError(502, 'upstream connection broke before the reply started')
  if (native) {
    const sse = reply.contentType.includes('event-stream')
    res.writeHead(reply.status, {
      'content-type': reply.contentType || 'application/json',
      ...(sse ? {'cache-control': 'no-cache'} : {}),
    })
    reply.body.once('data', firstByte)
    reply.body.once('aborted', () => {
      ctx.record.broken = true
      ctx.record.error = 'upstream connection broke mid-reply'
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
  const stream = body.stream === true
  const writer =
    api === 'messages'
      ? new AnthropicWriter(`msg_${id}`, model, 0)
      : new ResponsesWriter(`resp_${id}`, model, echoFields(body))
  await translateReply(reply, res, {
    writer,
    stream,
    failureFrame: api === 'messages' ? anthropicFailure : responsesFailure,
    onFirstByte: firstByte,
    onBroken: (message) => {
      ctx.record.broken = true
      ctx.record.error = message
    },
    callId: api === 'messages' ? anthropicToolId : responsesCallId,
  }).catch((error: Error) => {
    throw error instanceof RouterError ? error : new RouterError(502, error.message)
  })
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
