import {RouteApplyError, type RouteApplyOptions} from './route-apply.js'
import {type ClientId, clientIds} from './types.js'

export function applyOptionsFromFlags(
  flags: {
    clients: string
    router: string
    'api-key-env'?: string
    model?: string
    'fast-model'?: string
    'embedding-model'?: string
    'dry-run': boolean
    'no-smoke': boolean
  },
  env: NodeJS.ProcessEnv,
): RouteApplyOptions {
  const clients = flags.clients
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
  const unknown = clients.filter((c) => !(clientIds as readonly string[]).includes(c))
  if (unknown.length || clients.length === 0)
    throw new RouteApplyError(`Expected --clients to list some of ${clientIds.join(', ')}, got "${flags.clients}"`)
  if (!/^https?:\/\/[^/]+/.test(flags.router))
    throw new RouteApplyError(
      `Expected --router to be an http(s) URL like http://127.0.0.1:4000, got "${flags.router}"`,
    )
  const keyVar = flags['api-key-env']
  if (keyVar && !env[keyVar]) throw new RouteApplyError(`--api-key-env ${keyVar}: that variable is not set`)
  return {
    clients: clients as ClientId[],
    routerUrl: flags.router.replace(/\/v1\/?$/, ''),
    ...(keyVar ? {apiKey: env[keyVar] as string} : {}),
    dryRun: flags['dry-run'],
    smoke: !flags['no-smoke'],
    models: {
      ...(flags.model ? {agent: flags.model} : {}),
      ...(flags['fast-model'] ? {fast: flags['fast-model']} : {}),
      ...(flags['embedding-model'] ? {embeddings: flags['embedding-model']} : {}),
    },
  }
}
