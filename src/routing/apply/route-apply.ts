import {homedir} from 'node:os'
import {join} from 'node:path'
import {OacError} from '../../errors.js'
import {Store} from '../../store/store.js'
import type {Endpoint} from '../../store/types.js'
import {type DecisionRecord, decisionRecordSchema} from '../pick/decision-record.js'
import {applyClients} from './apply-clients.js'
import {ensureRouter, type RouterState} from './ensure-router.js'
import {withLimits} from './limits.js'
import {contextOf, routerContexts} from './model-context.js'
import {clientKey, localKeyPlaceholder} from './placeholder-key.js'
import {type SmokeResult, smokeRouter} from './smoke.js'
import type {ApplyContext, ClientId, ClientResult, RoutedModel, RoutedModels} from './types.js'

/** Nothing to apply (no decision and no models given), or a decision that cannot be read: exit 2. */
export class RouteApplyError extends OacError {
  override name = 'RouteApplyError'
}

export interface RouteApplyOptions {
  clients: ClientId[]
  routerUrl: string
  apiKey?: string
  dryRun: boolean
  smoke: boolean
  /** Overrides of the stored decision, per class. */
  models: Partial<Record<keyof RoutedModels, string>>
  home?: string
  configHome?: string
  cwd?: string
}

export interface RouteApplyResult {
  decisionId?: number
  models: RoutedModels
  clients: ClientResult[]
  /** Whether the router was running, started, or could not be had (then every smoke request fails too). */
  router?: RouterState
  smoke: SmokeResult[]
}

/** The latest stored decision (readable), the recorded routing file, and the registered endpoints. */
function stored(): {decision?: {id: number; record: DecisionRecord}; configPath?: string; endpoints: Endpoint[]} {
  const store = Store.open()
  try {
    const latest = store.listRouteDecisions(1)[0]
    const endpoints = store.listEndpoints()
    if (!latest) return {endpoints}
    const record = decisionRecordSchema.safeParse(latest.decision)
    if (!record.success)
      throw new RouteApplyError(`routing decision #${latest.id} in the store cannot be read: ${record.error.message}`)
    return {
      decision: {id: latest.id, record: record.data},
      ...(latest.configPath ? {configPath: latest.configPath} : {}),
      endpoints,
    }
  } finally {
    store.close()
  }
}

/**
 * The models to configure: the latest `oac route pick --write` decision, with any model given by flag on top; each
 * with the context of that model as served (model-context.ts) and the limits that follow (limits.ts).
 */
async function routedModels(
  o: RouteApplyOptions,
  key: string,
): Promise<{models: RoutedModels; decisionId?: number; configPath?: string}> {
  const {decision, configPath, endpoints} = stored()
  const sources = {router: await routerContexts(o.routerUrl, key), endpoints, ...(decision ? {decision} : {})}
  const pick = (key: keyof RoutedModels, taskClass: string): RoutedModel | undefined => {
    const name = o.models[key] ?? decision?.record.classes.find((c) => c.taskClass === taskClass)?.model
    return name ? withLimits({name, ...contextOf(name, sources)}) : undefined
  }
  const agent = pick('agent', 'agent')
  if (!agent)
    throw new RouteApplyError(
      'no routing decision to apply: run `oac route pick --write routing.yaml` first, or name the model with --model',
    )
  const fast = pick('fast', 'fast')
  const longContext = pick('longContext', 'long_context')
  const embeddings = pick('embeddings', 'embeddings')
  return {
    models: {
      agent,
      ...(fast ? {fast} : {}),
      ...(longContext ? {longContext} : {}),
      ...(embeddings ? {embeddings} : {}),
    },
    ...(decision ? {decisionId: decision.id} : {}),
    ...(configPath ? {configPath} : {}),
  }
}

/** Writes each client's config to use the router, then sends one request per path through it (unless dry run). */
export async function routeApply(o: RouteApplyOptions): Promise<RouteApplyResult> {
  const key = o.apiKey ?? localKeyPlaceholder
  const {models, decisionId, configPath} = await routedModels(o, key)
  const home = o.home ?? homedir()
  const ctx: ApplyContext = {
    routerUrl: o.routerUrl,
    ...(o.apiKey ? {apiKey: o.apiKey} : {}),
    models,
    home,
    cwd: o.cwd ?? process.cwd(),
    configHome: o.configHome ?? process.env.XDG_CONFIG_HOME ?? join(home, '.config'),
  }
  const clients = await applyClients(ctx, o.clients, {dryRun: o.dryRun})
  if (!o.smoke || o.dryRun) return {...(decisionId !== undefined ? {decisionId} : {}), models, clients, smoke: []}
  const router = await ensureRouter(o.routerUrl, configPath)
  const smoke = await smokeRouter(o.routerUrl, clientKey(ctx), o.clients, models)
  return {...(decisionId !== undefined ? {decisionId} : {}), models, clients, router, smoke}
}
