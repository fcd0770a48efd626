import {homedir} from 'node:os'
import {join} from 'node:path'
import {OacError} from '../../errors.js'
import {Store} from '../../store/store.js'
import {decisionRecordSchema} from '../pick/decision-record.js'
import {applyClients} from './apply-clients.js'
import {ensureRouter, type RouterState} from './ensure-router.js'
import {clientKey} from './placeholder-key.js'
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

/** The models to configure: the latest `oac route pick --write` decision, with any model given by flag on top. */
function routedModels(o: RouteApplyOptions): {models: RoutedModels; decisionId?: number; configPath?: string} {
  const store = Store.open()
  let latest: ReturnType<Store['listRouteDecisions']>[number] | undefined
  try {
    latest = store.listRouteDecisions(1)[0]
  } finally {
    store.close()
  }
  const stored = new Map<string, RoutedModel>()
  if (latest) {
    const record = decisionRecordSchema.safeParse(latest.decision)
    if (!record.success)
      throw new RouteApplyError(`routing decision #${latest.id} in the store cannot be read: ${record.error.message}`)
    for (const c of record.data.classes)
      if (c.model)
        stored.set(c.taskClass, {
          name: c.model,
          ...(c.contextLength !== undefined ? {contextLength: c.contextLength} : {}),
        })
  }
  const pick = (key: keyof RoutedModels, taskClass: string): RoutedModel | undefined => {
    const name = o.models[key]
    return name ? {...stored.get(taskClass), name} : stored.get(taskClass)
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
    ...(latest ? {decisionId: latest.id} : {}),
    ...(latest?.configPath ? {configPath: latest.configPath} : {}),
  }
}

/** Writes each client's config to use the router, then sends one request per path through it (unless dry run). */
export async function routeApply(o: RouteApplyOptions): Promise<RouteApplyResult> {
  const {models, decisionId, configPath} = routedModels(o)
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
