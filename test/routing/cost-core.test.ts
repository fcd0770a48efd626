import {describe, expect, it} from 'vitest'
import {parseNvidiaSample, parsePowermetrics} from '../../src/hardware/parse-gpu-sample.js'
import {addSpend, capReached, noSpend} from '../../src/routing/cost/budget.js'
import {EnergyMeter} from '../../src/routing/cost/energy-meter.js'
import {priceOf} from '../../src/routing/cost/price-table.js'
import {costUsd, readUsage} from '../../src/routing/cost/token-usage.js'
import {UsageTap} from '../../src/routing/cost/usage-tap.js'

// The pure parts of cost tracking: budgets by local day and month, energy shared among concurrent requests, each
// API's usage read the way it is billed, and GPU readings from the vendor tools' output.

describe('budgets', () => {
  const budget = {dailyUsd: 1, monthlyUsd: 10, onCap: 'fallback' as const}
  it('reaches the daily cap, and a new day starts from zero while the month keeps counting', () => {
    const d1 = new Date(2026, 11, 7, 23, 0)
    const spent = addSpend(noSpend(d1), 1.2, d1)
    expect(capReached(budget, spent, d1)).toMatchObject({period: 'daily', capUsd: 1, spentUsd: 1.2})
    expect(capReached(budget, spent, d1)?.resetsAt).toEqual(new Date(2026, 11, 8))
    const d2 = new Date(2026, 11, 8, 0, 1)
    expect(capReached(budget, spent, d2)).toBeUndefined()
    expect(addSpend(spent, 0.5, d2)).toMatchObject({dayUsd: 0.5, monthUsd: 1.7})
  })
  it('reaches the monthly cap first when both are spent', () => {
    const now = new Date(2026, 11, 7)
    expect(capReached(budget, addSpend(noSpend(now), 11, now), now)?.period).toBe('monthly')
  })
})

describe('energy meter', () => {
  it('shares the power among the requests running at the same moment', () => {
    const m = new EnergyMeter(0)
    m.setPower({watts: 360, estimated: false}, 0)
    const a = m.begin(0)
    const b = m.begin(5_000)
    // 0-5 s: a alone at 360 W (0.5 Wh); 5-10 s: shared (0.25 Wh each).
    expect(m.end(b, 10_000)?.wh).toBeCloseTo(0.25)
    expect(m.end(a, 10_000)).toEqual({wh: expect.closeTo(0.75), estimated: false})
  })
  it('marks energy from an assumed power as estimated, and knows none without a power', () => {
    const m = new EnergyMeter(0)
    expect(m.end(m.begin(0), 1_000)).toBeUndefined()
    m.setPower({watts: 100, estimated: true}, 1_000)
    expect(m.end(m.begin(1_000), 4_600)).toEqual({wh: expect.closeTo(0.1), estimated: true})
  })
})

describe('usage as billed', () => {
  it('reads each API: cached prompt tokens come out of the OpenAI counts', () => {
    expect(readUsage({prompt_tokens: 100, completion_tokens: 7, prompt_tokens_details: {cached_tokens: 60}})).toEqual({
      input: 40,
      cachedInput: 60,
      cacheWrite: 0,
      output: 7,
      estimated: false,
    })
    expect(readUsage({input_tokens: 100, output_tokens: 3, input_tokens_details: {cached_tokens: 10}})).toMatchObject({
      input: 90,
      cachedInput: 10,
    })
    expect(
      readUsage({input_tokens: 5, cache_read_input_tokens: 1000, cache_creation_input_tokens: 200, output_tokens: 9}),
    ).toEqual({input: 5, cachedInput: 1000, cacheWrite: 200, output: 9, estimated: false})
  })
  it('prices cache reads and writes at their rates, and a long prompt at its own', () => {
    const sonnet = priceOf(undefined, 'claude-sonnet-4-5-20250929')
    expect(sonnet).toMatchObject({input: 3, output: 15})
    const u = {input: 1_000_000, cachedInput: 1_000_000, cacheWrite: 1_000_000, output: 1_000_000, estimated: false}
    expect(costUsd(u, sonnet as never)).toBeCloseTo(3 + 0.3 + 3.75 + 15)
    const haiku = priceOf(undefined, 'claude-haiku-5-5') as never
    expect(costUsd({...u, cachedInput: 0, cacheWrite: 0, input: 200_000, output: 0}, haiku)).toBeCloseTo(0.1)
  })
  it('taps an Anthropic stream split anywhere, merging message_start and message_delta', () => {
    const sse =
      'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":12,"cache_read_input_tokens":4,"output_tokens":1}}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"text":"hi"}}\n\n' +
      'event: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":30}}\n\n'
    for (const cut of [10, 60, 130, 200]) {
      const tap = new UsageTap(true)
      tap.push(Buffer.from(sse.slice(0, cut)))
      tap.push(Buffer.from(sse.slice(cut)))
      expect(tap.usage()).toEqual({input: 12, cachedInput: 4, cacheWrite: 0, output: 30, estimated: false})
    }
  })
})

describe('GPU readings', () => {
  it('parses nvidia-smi CSV with fields a board does not report', () => {
    expect(
      parseNvidiaSample(
        '0, NVIDIA H100, 87, 70000, 81559, 512.3, 64\n1, NVIDIA L4, [N/A], 10, 23034, [Not Supported], 40\n',
      ),
    ).toEqual([
      {
        index: 0,
        name: 'NVIDIA H100',
        utilizationPct: 87,
        memoryUsedMiB: 70000,
        memoryTotalMiB: 81559,
        powerW: 512.3,
        temperatureC: 64,
      },
      {index: 1, name: 'NVIDIA L4', memoryUsedMiB: 10, memoryTotalMiB: 23034, temperatureC: 40},
    ])
  })
  it('parses powermetrics gpu_power', () => {
    expect(parsePowermetrics('GPU HW active residency:  42.50% (389 MHz: 0%)\nGPU Power: 12345 mW\n')).toEqual([
      {index: 0, name: 'Apple GPU', utilizationPct: 42.5, powerW: 12.345},
    ])
  })
})
