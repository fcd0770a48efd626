import {describe, expect, it} from 'vitest'
import {loadRoutingConfig} from '../../src/routing/config.js'
import {shippedPrices} from '../../src/routing/cost/price-table.js'
import {cloudModels, withCloudProposals} from '../../src/routing/pick/cloud-proposal.js'
import {pickAgent, pickFast, pickLongContext} from '../../src/routing/pick/policy.js'
import {renderPick} from '../../src/routing/pick/render.js'
import {type Candidate, defaultPolicy} from '../../src/routing/pick/types.js'

// route pick may name a cloud model of routing.yaml for a class no local model qualifies for: only when the user
// allows the cloud, with its price, and never one whose own stored runs fail the class's floors.

const f = (value: number, runId = 1) => ({value, runId, at: '2026-11-30T00:00:00Z'})
const candidate = (model: string, url: string, figures: Partial<Candidate>): Candidate => ({
  id: `${model}@${url}`,
  model,
  endpointUrl: url,
  ignored: [],
  ...figures,
})

const routing = `upstreams:
  - name: box
    url: http://127.0.0.1:8000/v1
    models: [coder-30b]
  - name: claude
    kind: anthropic
    url: https://api.anthropic.com
    apiKeyEnv: ANTHROPIC_API_KEY
    models: [claude-sonnet-4-5, claude-haiku-4-5]
  - name: oai
    kind: openai
    url: https://api.openai.com/v1
    apiKeyEnv: OPENAI_API_KEY
    models: [gpt-5.4-mini]
    prices: {gpt-5.4-mini: {input: 0.5, cachedInput: 0.05, output: 3}}
routes:
  - to: box/coder-30b
`
const cloud = cloudModels(loadRoutingConfig('/cfg/routing.yaml', routing), '/cfg/routing.yaml')

/** A local model too slow for the agent floor, without tool-calling evidence. */
const slowLocal = candidate('coder-30b', 'http://127.0.0.1:8000/v1', {decodeTokS: f(8), codingP90TtftMs: f(4000)})
const good = {
  decodeTokS: f(60, 7),
  codingP90TtftMs: f(900, 7),
  medianTtftMs: f(400, 7),
  toolAccuracy: {...f(0.92, 8), mode: 'native', dataset: 'suite'},
}
const classesOf = (local: Candidate[]) => [
  pickAgent(local, defaultPolicy),
  pickFast(local, defaultPolicy),
  pickLongContext(local, defaultPolicy),
]

describe('route pick: cloud proposals', () => {
  it("lists the file's cloud models in order, with the upstream's own price over the shipped table", () => {
    expect(cloud.map((m) => [m.upstream, m.model, m.priceSource])).toEqual([
      ['claude', 'claude-sonnet-4-5', `profiles/cloud/prices.yaml (${shippedPrices().date})`],
      ['claude', 'claude-haiku-4-5', `profiles/cloud/prices.yaml (${shippedPrices().date})`],
      ['oai', 'gpt-5.4-mini', '/cfg/routing.yaml'],
    ])
    expect(cloud[0]?.price).toEqual(shippedPrices().models['claude-sonnet-4-5'])
    expect(cloud[2]?.price.output).toBe(3)
  })

  it('proposes nothing while the cloud is off, even where no local model qualifies', () => {
    const classes = classesOf([slowLocal])
    expect(classes.every((d) => !d.chosen)).toBe(true)
    const off = withCloudProposals(classes, cloud, false, [], defaultPolicy)
    expect(off.map((d) => d.cloud)).toEqual([undefined, undefined, undefined])
    const text = renderPick(
      {
        policy: defaultPolicy,
        classes: off,
        candidates: [],
        cloud: {file: '/cfg/routing.yaml', models: 3, allowed: false},
      },
      'set "allowCloud": true in /cfg/settings.json',
    )
    expect(text).not.toContain('cloud overflow proposed')
    expect(text).toContain(
      'Cloud models in /cfg/routing.yaml (3) not proposed: the cloud is off (set "allowCloud": true in /cfg/settings.json).',
    )
  })

  it('proposes the first unmeasured cloud model, with its price, for each class no local model qualifies for', () => {
    const on = withCloudProposals(classesOf([slowLocal]), cloud, true, [], defaultPolicy)
    for (const d of on) {
      expect(d.cloud?.target).toBe('claude/claude-sonnet-4-5')
      expect(d.cloud?.evidence).toBeUndefined()
      expect(d.cloud?.reason).toContain('claude-sonnet-4-5 has no stored runs')
    }
    const text = renderPick({policy: defaultPolicy, classes: on, candidates: []})
    expect(text).toContain('  cloud overflow proposed: claude/claude-sonnet-4-5 — no local model meets the floors')
    expect(text).toContain(
      `    price: $3.00 in, $0.30 cached, $15.00 out per million tokens (profiles/cloud/prices.yaml (${shippedPrices().date}))`,
    )
    expect(text).toContain('    evidence: none stored')
  })

  it('leaves a class alone when a local model qualifies', () => {
    const fastLocal = candidate('coder-30b', 'http://127.0.0.1:8000/v1', good)
    const on = withCloudProposals(classesOf([fastLocal]), cloud, true, [], defaultPolicy)
    expect(on[0]?.chosen).toBe(fastLocal.id)
    expect(on[0]?.cloud).toBeUndefined()
    expect(on[1]?.cloud).toBeUndefined()
    // long_context has no evidence for the local model: the cloud is proposed there only.
    expect(on[2]?.chosen).toBeUndefined()
    expect(on[2]?.cloud?.target).toBe('claude/claude-sonnet-4-5')
  })

  it('prefers a cloud model whose stored runs meet the floors, and skips one whose runs fail them', () => {
    const url = 'https://api.openai.com/v1'
    const mini = candidate('gpt-5.4-mini', url, good)
    // Sonnet measured too slow for the agent floor: it is not proposed for agent.
    const sonnet = candidate('claude-sonnet-4-5', 'https://api.anthropic.com', {...good, decodeTokS: f(5, 9)})
    const [agent, fast] = withCloudProposals(classesOf([slowLocal]), cloud, true, [sonnet, mini], defaultPolicy)
    expect(agent?.cloud?.target).toBe('oai/gpt-5.4-mini')
    expect(agent?.cloud?.reason).toContain('gpt-5.4-mini meets them on stored runs')
    expect(agent?.cloud?.evidence?.runIds).toEqual([7, 8])
    expect(agent?.cloud?.priceSource).toBe('/cfg/routing.yaml')
    expect(fast?.cloud?.target).toBe('oai/gpt-5.4-mini')
    const text = renderPick({
      policy: defaultPolicy,
      classes: [agent, fast].filter((d) => d !== undefined),
      candidates: [],
    })
    expect(text).toContain('    price: $0.50 in, $0.05 cached, $3.00 out per million tokens (/cfg/routing.yaml)')
    expect(text).toMatch(/gpt-5\.4-mini@https:\/\/api\.openai\.com\/v1 .*#7 #8 +chosen/)

    // Only measured cloud models, all failing the floors: no proposal rather than a wrong one.
    const onlySonnet = cloud.filter((m) => m.model === 'claude-sonnet-4-5')
    const none = withCloudProposals(classesOf([slowLocal]), onlySonnet, true, [sonnet], defaultPolicy)
    expect(none[0]?.cloud).toBeUndefined()
  })
})
