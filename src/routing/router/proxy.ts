import type {IncomingMessage, ServerResponse} from 'node:http'
import {setTimeout as sleep} from 'node:timers/promises'
import {isCloud, type RouterSettings, type RoutingConfig, type UpstreamApi} from '../config.js'
import type {CapReached} from '../cost/budget.js'
import type {EnergyMeter} from '../cost/energy-meter.js'
import {retryAfterSeconds} from './busy.js'
import {type Candidate, candidatesOf, type GateFacts, gate} from './candidates.js'
import {RouterError} from './client-errors.js'
import {fitMaxTokens, parseContextOverflow, roomAfterRefusal} from './context-fit.js'
import {AttemptFailure, attempt, errorMessage, readText, type UpstreamReply} from './forward.js'
import type {HealthChecker} from './health.js'
import type {RouterMetrics} from './metrics.js'
import {estimateTokens, pickTargets, type RoutePlan, routableModels} from './pick-route.js'
import {answer, refused} from './reply.js'
import type {RequestRecord} from './request-record.js'
import type {Upstream, UpstreamPool} from './upstream-pool.js'
import {forwardHeaders, type ProxiedApi, requestedTokens, upstreamBody} from './upstream-request.js'
import {stripBillingHeader} from './wire/anthropic-to-chat.js'

// One proxied request: route it, try its candidates in order (fallback only before the first byte reached the
// client; cloud candidates only when allowed, keyed and within budget; overflow when the local ones cannot take
// it), then pass the reply through (the upstream speaks the client's API) or translate it chunk by chunk.

export interface ProxyContext {
  config: RoutingConfig
  pool: UpstreamPool
  health: HealthChecker
  metrics: RouterMetrics
  arrivedAt: number
  /** Filled in as the request goes: who answered, after how many failed candidates, what broke, why. */
  record: RequestRecord
  /** Whether the user's settings allow cloud upstreams now. */
  allowCloud: boolean
  /** The budget cap a cloud upstream has reached, if any. */
  cap: (u: Upstream) => CapReached | undefined
  /** Shares the GPUs' energy among local requests. */
  energy: EnergyMeter
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
  const taskClass = req.headers['x-oac-class']
  const plan = pickTargets(ctx.config, {
    model,
    api: routeApi,
    hasTools,
    promptTokens: () => estimateTokens(bytes),
    ...(typeof taskClass === 'string' ? {taskClass} : {}),
  })
  if (!plan)
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
  const candidates = candidatesOf(plan, ctx.pool)
  const facts: GateFacts = {
    api,
    promptTokens: estimateTokens(bytes),
    allowCloud: ctx.allowCloud,
    cap: ctx.cap,
    queueLimitMs: plan.overflowQueueMs ?? settings.overflowQueueMs,
    now: performance.now(),
  }
  const problems: string[] = []
  const requested = requestedTokens(api, body)
  /** The room an engine's "output too large" refusal left: the one retry on the same upstream uses it. */
  let refit: number | undefined
  let attempts = 0
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i] as Candidate
    const {target, upstream} = candidate
    const verdict = gate(candidate, candidates, facts)
    if (verdict instanceof RouterError) {
      ctx.record.why = whyOf(plan, problems, verdict.message)
      throw verdict
    }
    if (verdict !== undefined) {
      problems.push(verdict)
      continue
    }
    if (!upstream.admit(performance.now())) {
      problems.push(`${upstream.name}: down (${upstream.lastError ?? 'failed health check'})`)
      continue
    }
    const native = api === 'embeddings' || upstream.config.apis.includes(api)
    const upstreamPath = native ? path : '/v1/chat/completions'
    const maxTokens = refit ?? fitMaxTokens(requested, upstream.contextOf(target.model), estimateTokens(bytes))
    let reply: UpstreamReply
    attempts++
    // A local attempt holds a share of the GPUs' energy (kept across the one refit retry on the same upstream).
    if (!isCloud(upstream.config) && !ctx.record.energy) ctx.record.energy = ctx.energy.begin(performance.now())
    const share = ctx.record.energy
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
      if (share) {
        ctx.energy.end(share, performance.now())
        ctx.record.energy = undefined
      }
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
      answeredBy(ctx, candidate, attempts, plan, problems, res)
      return refused(native, reply, text, overflow, res)
    }
    answeredBy(ctx, candidate, attempts, plan, problems, res)
    const firstByte = () => {
      const seconds = (performance.now() - ctx.arrivedAt) / 1000
      ctx.record.ttftMs = seconds * 1000
      ctx.metrics.firstToken(seconds)
    }
    try {
      await answer({record: ctx.record, firstByte}, api, native, reply, body, model, res)
    } finally {
      reply.release()
    }
    return
  }
  ctx.record.why = whyOf(plan, problems)
  throw new RouterError(
    503,
    `no upstream could answer \`${model}\`: ${problems.join('; ') || 'none serves it'}`,
    undefined,
    candidates.length ? retryAfterSeconds(nextChanceMs(candidates, settings)) : undefined,
  )
}

/** The log's reason: the route taken, then every candidate passed over and why, then the one that answered. */
function whyOf(plan: RoutePlan, problems: string[], end?: string): string {
  const route = plan.route === undefined ? 'model served as named' : `route ${plan.route + 1}`
  return [route, ...problems, ...(end ? [end] : [])].join('; ')
}

function answeredBy(
  ctx: ProxyContext,
  c: Candidate,
  attempts: number,
  plan: RoutePlan,
  problems: string[],
  res: ServerResponse,
): void {
  if (attempts > 1) ctx.metrics.fallback()
  const record = ctx.record
  record.upstream = c.upstream.name
  record.upstreamModel = c.target.model
  record.kind = c.upstream.config.kind
  record.fallbacks = attempts - 1
  record.why = whyOf(plan, problems, c.overflow ? 'overflow' : undefined)
  record.detoured = problems.length > 0 || c.overflow
  // Every reply says who answered it: the upstream's name and the model it ran.
  res.setHeader('x-oac-upstream', `${c.upstream.name}/${c.target.model}`)
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
