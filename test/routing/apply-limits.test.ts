import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startSim} from '../../src/engines/sim.js'
import {applyClients} from '../../src/routing/apply/apply-clients.js'
import {outputBudget} from '../../src/routing/apply/limits.js'
import {routeApply} from '../../src/routing/apply/route-apply.js'
import type {ApplyContext, RoutedModels} from '../../src/routing/apply/types.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {startRouter} from '../../src/routing/router/server.js'
import {Store} from '../../src/store/store.js'

// Limits in every client config, from the evidence of the model actually chosen (issue 26, items 1 and 5): a
// client told nothing asks for more reply than a 32k engine leaves (Claude Code 32,000 tokens), and `--model X`
// used to carry the stored agent model's context onto X.

const dir = mkdtempSync(join(tmpdir(), 'oac-apply-limits-'))
const saved = process.env.OAC_HOME
beforeAll(() => {
  process.env.OAC_HOME = join(dir, 'oac')
  const store = Store.open()
  try {
    store.upsertEndpoint({name: 'small', url: 'http://127.0.0.1:9/v1', model: 'small-14b', contextLength: 16_384})
    store.saveRouteDecision({
      decision: {
        classes: [
          {taskClass: 'agent', model: 'coder-30b', contextLength: 65_536, reason: 'best'},
          {taskClass: 'fast', model: 'fast-7b', contextLength: 32_768, reason: 'quick'},
        ],
      },
    })
  } finally {
    store.close()
  }
})
afterAll(() => {
  if (saved === undefined) delete process.env.OAC_HOME
  else process.env.OAC_HOME = saved
  rmSync(dir, {recursive: true, force: true})
})

const apply = (models: Partial<Record<keyof RoutedModels, string>>, routerUrl = 'http://127.0.0.1:9') =>
  routeApply({clients: ['claude-code'], routerUrl, dryRun: true, smoke: false, models, home: join(dir, 'home')})

describe('the reply budget', () => {
  it('is a quarter of the context, at most the 32,000 clients ask for', () => {
    expect([8_192, 32_768, 65_536, 262_144, 200].map(outputBudget)).toEqual([2_048, 8_192, 16_384, 32_000, 200])
  })
})

describe('limits from the evidence of the model chosen', () => {
  it('the stored decision gives each class its own context', async () => {
    const {models} = await apply({})
    expect(models.agent).toEqual({
      name: 'coder-30b',
      contextLength: 65_536,
      contextFrom: 'decision #1',
      maxOutputTokens: 16_384,
    })
    expect(models.fast).toMatchObject({name: 'fast-7b', contextLength: 32_768, maxOutputTokens: 8_192})
  })

  it('--model X takes X’s own context (its registered endpoint), never the stored agent’s', async () => {
    expect((await apply({agent: 'small-14b'})).models.agent).toEqual({
      name: 'small-14b',
      contextLength: 16_384,
      contextFrom: 'registered endpoint small',
      maxOutputTokens: 4_096,
    })
    expect((await apply({agent: 'unheard-of'})).models.agent).toEqual({name: 'unheard-of'})
  })

  it('the router serving the model now is believed first', async () => {
    const sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['coder-30b'], context: 32_768})
    const router = await startRouter({
      config: routingConfigSchema.parse({upstreams: [{name: 'sim', url: sim.baseUrl, models: ['coder-30b']}]}),
      host: '127.0.0.1',
      port: 0,
    })
    try {
      await router.checkHealth()
      const {models} = await apply({}, router.url)
      expect(models.agent).toEqual({
        name: 'coder-30b',
        contextLength: 32_768,
        contextFrom: "the router's /v1/models",
        maxOutputTokens: 8_192,
      })
    } finally {
      await router.close()
      await sim.close()
    }
  })
})

describe("Claude Code's limits", () => {
  const env = async (contextLength: number, home: string) => {
    const agent = {name: 'm', contextLength, maxOutputTokens: outputBudget(contextLength)}
    const ctx: ApplyContext = {
      routerUrl: 'http://127.0.0.1:4000',
      models: {agent},
      home,
      cwd: home,
      configHome: join(home, '.config'),
    }
    await applyClients(ctx, ['claude-code'], {dryRun: false})
    return (JSON.parse(readFileSync(join(home, '.claude', 'settings.json'), 'utf8')) as {env: Record<string, string>})
      .env
  }

  it('a reply budget and a compaction point that leave the prompt room, and nothing stale after a model change', async () => {
    const home = join(dir, 'claude')
    expect(await env(32_768, home)).toMatchObject({
      CLAUDE_CODE_MAX_OUTPUT_TOKENS: '8192',
      CLAUDE_CODE_AUTO_COMPACT_WINDOW: '100000',
      CLAUDE_AUTOCOMPACT_PCT_OVERRIDE: '24',
    })
    const big = await env(262_144, home)
    expect(big).toMatchObject({CLAUDE_CODE_MAX_OUTPUT_TOKENS: '32000', CLAUDE_CODE_AUTO_COMPACT_WINDOW: '262144'})
    expect(big).not.toHaveProperty('CLAUDE_AUTOCOMPACT_PCT_OVERRIDE')
  })
})
