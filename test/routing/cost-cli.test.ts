import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {generateReport} from '../../src/report/generate.js'
import {type CostSummary, summarize} from '../../src/routing/cost/cost-summary.js'
import {priceOf} from '../../src/routing/cost/price-table.js'
import {CostLedgerStore, type LedgerRow} from '../../src/store/cost-ledger-store.js'
import {seedStore} from '../report/fixture.js'
import {runInProcess} from '../support/run-in-process.js'

// `oac cost` over a ledger the router would have written: local requests with their energy, cloud ones with their
// dollars, priced all-cloud and paid back against the hardware.

const DAY = 86_400_000
const now = Date.now()
const row = (daysAgo: number, r: Partial<LedgerRow>): LedgerRow => ({
  at: new Date(now - daysAgo * DAY).toISOString(),
  api: 'messages',
  model: 'claude-sonnet-4-5',
  kind: 'local',
  status: '200',
  inputTokens: 0,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  tokensEstimated: false,
  energyEstimated: false,
  durationMs: 1000,
  ...r,
})

beforeAll(() => {
  const store = CostLedgerStore.open(join(process.env.OAC_HOME as string, 'oac.db'))
  store.insert([
    // 10 days of local work: 1M tokens in and 100k out a day at 0.5 kWh (0.15 USD at 0.30/kWh) a day.
    ...Array.from({length: 10}, (_, d) =>
      row(d + 0.5, {
        upstream: 'local',
        upstreamModel: 'qwen3-coder',
        inputTokens: 1e6,
        outputTokens: 1e5,
        energyWh: 500,
        costUsd: 0.15,
      }),
    ),
    row(1, {
      upstream: 'cloud',
      upstreamModel: 'claude-sonnet-4-5',
      kind: 'anthropic',
      inputTokens: 1e5,
      outputTokens: 1e4,
      costUsd: 0.45,
    }),
    row(60, {upstream: 'local', upstreamModel: 'qwen3-coder', inputTokens: 1, outputTokens: 1, costUsd: 0}),
  ])
  store.close()
})

describe('oac cost', () => {
  it('prints local vs cloud spend, all-cloud for the same tokens and the break-even month', async () => {
    const r = await runInProcess(['cost', '--since', '30d', '--hardware-cost', '3000', '--json'])
    expect(r.exitCode).toBe(0)
    const s = JSON.parse(r.stdout) as CostSummary
    expect(s.local).toMatchObject({requests: 10, energyWh: 5000, electricityUsd: expect.closeTo(1.5)})
    expect(s.cloud).toMatchObject({requests: 1, costUsd: 0.45})
    // The most used cloud model prices all-cloud: 10 × (1M × $3 + 100k × $15) / 1M = $45, plus the real $0.45.
    expect(s.allCloud).toEqual({model: 'claude-sonnet-4-5', usd: expect.closeTo(45.45)})
    expect(s.savedUsd).toBeCloseTo(45.45 - 1.5 - 0.45)
    // From the window's first row (9.5 days ago) to now.
    expect(s.days).toBeCloseTo(9.5, 1)
    expect(s.breakEven?.months).toBeCloseTo(3000 / ((43.5 / 9.5) * 30), 1)
    const text = await runInProcess(['cost', '--since', '30d', '--hardware-cost', '3000'])
    expect(text.stdout).toMatch(/Local {3}10 requests, 5\.000 kWh: \$1\.50 of electricity/)
    expect(text.stdout).toMatch(/All cloud \(every request at claude-sonnet-4-5's price\): \$45\.45/)
    expect(text.stdout).toMatch(
      /Break-even: \d{4}-\d\d, 21\.8 months of this rate \(hardware \$3000\.00, --hardware-cost\)/,
    )
  })

  it('says when the hardware cost is unknown, and when nothing is saved', async () => {
    const r = await runInProcess(['cost', '--since', '90d'])
    expect(r.stdout).toMatch(/Break-even: unknown hardware cost \(give --hardware-cost/)
    const s = summarize({
      totals: [],
      since: new Date(now - DAY),
      now: new Date(now),
      compareTo: {model: 'gpt-5.4-nano', price: priceOf(undefined, 'gpt-5.4-nano') as never},
      hardware: {costUsd: 100, source: '--hardware-cost'},
    })
    expect(s.breakEven).toBeNull()
  })

  it('refuses what it cannot price or read, with exit 2', async () => {
    expect(await runInProcess(['cost', '--compare-to', 'claude-next'])).toMatchObject({exitCode: 2})
    expect(await runInProcess(['cost', '--since', 'soon'])).toMatchObject({exitCode: 2})
    expect((await runInProcess(['cost', '--since', '1h'])).stderr).toMatch(/no request in the cost ledger since/)
  })
  // Last: the report's seeded hardware matches a profile with a price.
  it('is a section of oac report too', async () => {
    const home = process.env.OAC_HOME as string
    seedStore(home)
    const options = {electricityPrice: 0.3, cloudPrice: 3, hoursPerDay: 8, hardwareCostUsd: 3000}
    const {path} = await generateReport({dbFile: join(home, 'oac.db'), cwd: home, options})
    const html = readFileSync(path, 'utf8')
    expect(html).toContain('Local vs cloud cost')
    expect(html).toMatch(/All cloud at claude-sonnet-4-5&#39;s price: \$45\.45; saved \$43\.50/)
    expect(html).toContain('local/qwen3-coder')
  })
})
