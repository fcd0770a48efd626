import {storedBenchPoint, storedBenchSummary, storedMicroResult} from '../bench/summary.js'
import {storedCategorySummary, storedToolCallingSummary} from '../evals/tool-calling/summary.js'
import type {HardwareReport} from '../hardware/types.js'
import {matchProfile} from '../profiles/match.js'
import type {MatchRule} from '../profiles/schema.js'
import type {Run, Sample} from '../store/types.js'
import {energyCost, estimatePower} from './energy.js'
import {retrievalRun} from './retrieval-figures.js'
import {runRef} from './run-ref.js'
import {sweRun} from './swe-figures.js'
import type {
  BenchGroup,
  BenchRun,
  EnergyPointRow,
  HardwareSection,
  MicroRow,
  PointRow,
  ReportModel,
  ReportOptions,
  ToolRun,
} from './types.js'

// From stored runs to the report's data model: pure, given the runs, their samples and the known profiles.

export interface ProfileInfo {
  id: string
  match: MatchRule
  hardwareCostUsd?: number
}

export interface ModelInput {
  runs: Run[]
  samples: (runId: number) => Sample[]
  profiles: ProfileInfo[]
  options: ReportOptions
  now?: Date
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const optNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

function asHardware(value: unknown): HardwareReport | undefined {
  if (!isObject(value) || !Array.isArray(value.gpus)) return undefined
  return value as unknown as HardwareReport
}

/** "c=4" for a closed-loop point, "c=4 @ 2 req/s" / "∞ @ 2 req/s" for open loop. */
export function pointLabel(concurrency: number | null, rate: number | 'inf'): string {
  const c = concurrency === null ? 'c=∞' : `c=${concurrency}`
  return rate === 'inf' ? c : `${c} @ ${rate} req/s`
}

export function comparePoints(a: PointRow, b: PointRow): number {
  const c = (a.concurrency ?? Number.POSITIVE_INFINITY) - (b.concurrency ?? Number.POSITIVE_INFINITY)
  if (c !== 0 && !Number.isNaN(c)) return c
  const rate = (p: PointRow) => (p.requestRate === 'inf' ? Number.POSITIVE_INFINITY : p.requestRate)
  const r = rate(a) - rate(b)
  return Number.isNaN(r) ? 0 : r
}

export function benchPoints(summary: unknown): {points: PointRow[]; micro: MicroRow[]} {
  const points: PointRow[] = []
  const micro: MicroRow[] = []
  for (const raw of storedBenchSummary.safeParse(summary).data?.runs ?? []) {
    const m = storedMicroResult.safeParse(raw).data
    if (m) {
      micro.push({
        test: m.test,
        // llama-bench's names (avg_ts, stddev_ts); runs saved before oac used them hold tokens_per_s.
        tokensPerS: optNum(m.avg_ts ?? m.tokens_per_s) ?? null,
        stdTokensPerS: optNum(m.stddev_ts ?? m.std_tokens_per_s) ?? null,
        repetitions: num(m.repetitions),
      })
      continue
    }
    const p = storedBenchPoint.safeParse(raw).data
    if (!p) continue
    const concurrency = p.max_concurrency ?? null
    const requestRate = typeof p.request_rate === 'number' ? p.request_rate : 'inf'
    points.push({
      label: pointLabel(concurrency, requestRate),
      concurrency,
      requestRate,
      completed: num(p.completed),
      failed: num(p.failed),
      outputThroughput: num(p.output_throughput),
      requestThroughput: num(p.request_throughput),
      medianTtftMs: num(p.median_ttft_ms),
      medianContentTtftMs: optNum(p.median_content_ttft_ms) ?? null,
      p99TtftMs: num(p.p99_ttft_ms),
      meanTpotMs: optNum(p.mean_tpot_ms) ?? null,
      medianItlMs: optNum(p.median_itl_ms) ?? null,
      medianE2elMs: num(p.median_e2el_ms),
      tokensEstimated: p.output_tokens_source === 'estimated',
    })
  }
  return {points: points.sort(comparePoints), micro}
}

/** TTFT and ITL of every request that succeeded, from the stored samples. */
export function latencySamples(samples: Sample[]): {ttftMs: number[]; itlMs: number[]} {
  const ttftMs: number[] = []
  const itlMs: number[] = []
  for (const s of samples) {
    if (!s.ok || !isObject(s.data)) continue
    const ttft = optNum(s.data.ttftMs)
    if (ttft !== undefined) ttftMs.push(ttft)
    if (Array.isArray(s.data.itlMs)) for (const v of s.data.itlMs) if (optNum(v) !== undefined) itlMs.push(v as number)
  }
  return {ttftMs, itlMs}
}

export function toolRun(run: Run): ToolRun | undefined {
  const parsed = storedToolCallingSummary.safeParse(run.summary)
  if (!parsed.success) return undefined
  const {overall} = parsed.data
  const categories: ToolRun['categories'] = {}
  for (const [name, value] of Object.entries(parsed.data.categories ?? {})) {
    const c = storedCategorySummary.safeParse(value).data
    if (c) categories[name] = {total: num(c.total), passed: num(c.passed), accuracy: num(c.accuracy)}
  }
  return {
    run: runRef(run),
    accuracy: num(overall.attempts) > 0 ? (optNum(overall.accuracy) ?? null) : null,
    cases: num(overall.cases),
    attempts: num(overall.attempts),
    categories,
    parseableRate: overall.parseable_rate ?? null,
    schemaValidRate: overall.schema_valid_rate ?? null,
    ...(overall.warning !== undefined ? {warning: overall.warning} : {}),
  }
}

function describeHardware(hw: HardwareReport): Omit<HardwareSection, 'fingerprint' | 'runIds'> {
  const os = [hw.os?.distro ?? hw.os?.platform, hw.os?.release, hw.os?.arch].filter(Boolean).join(' ')
  return {
    ...(os ? {os} : {}),
    ...(hw.cpu?.model ? {cpu: `${hw.cpu.model}${hw.cpu.cores ? ` (${hw.cpu.cores} cores)` : ''}`} : {}),
    ...(optNum(hw.ramGiB) !== undefined ? {ramGiB: hw.ramGiB} : {}),
    gpus: hw.gpus.map((g) => ({
      name: String(g.name ?? 'GPU'),
      ...(optNum(g.vramTotalMiB) !== undefined ? {vramTotalMiB: g.vramTotalMiB} : {}),
      ...(optNum(g.powerLimitW) !== undefined ? {powerLimitW: g.powerLimitW} : {}),
      ...(optNum(g.powerDrawW) !== undefined ? {powerDrawW: g.powerDrawW} : {}),
    })),
    ...(hw.apple ? {apple: `${hw.apple.chip}, ${hw.apple.unifiedMemoryGiB} GB unified memory`} : {}),
  }
}

function profileFor(run: Run, hw: HardwareReport | undefined, profiles: ProfileInfo[]): ProfileInfo | undefined {
  if (run.profile) return profiles.find((p) => p.id === run.profile) ?? {id: run.profile, match: {priority: 0}}
  if (!hw) return undefined
  try {
    const match = matchProfile(profiles, hw)
    return match ? profiles.find((p) => p.id === match.id) : undefined
  } catch {
    return undefined
  }
}

export function buildReportModel(input: ModelInput): ReportModel {
  const {runs, profiles, options} = input
  const hardware = new Map<string, HardwareSection>()
  const sectionOf = new Map<number, HardwareSection>()
  for (const run of runs) {
    const hw = asHardware(run.hardware)
    const key = run.hardwareFingerprint ?? (hw ? JSON.stringify(hw.gpus) : 'unknown')
    let section = hardware.get(key)
    if (!section) {
      const profile = profileFor(run, hw, profiles)
      const cost = options.hardwareCostUsd ?? profile?.hardwareCostUsd
      section = {
        fingerprint: run.hardwareFingerprint ?? 'unknown',
        runIds: [],
        ...(hw ? describeHardware(hw) : {gpus: []}),
        ...(profile ? {profile: profile.id} : {}),
        ...(cost !== undefined ? {hardwareCostUsd: cost} : {}),
      }
      hardware.set(key, section)
    }
    section.runIds.push(run.id)
    sectionOf.set(run.id, section)
  }

  const groups = new Map<string, BenchGroup>()
  const energy: EnergyPointRow[] = []
  let powerMissing = false
  for (const run of runs.filter((r) => r.kind === 'bench')) {
    const key = `${run.model}\u0000${run.engine ?? ''}`
    const group = groups.get(key) ?? {
      key,
      model: run.model,
      ...(run.engine !== undefined ? {engine: run.engine} : {}),
      runs: [],
    }
    groups.set(key, group)
    const {points, micro} = benchPoints(run.summary)
    const bench: BenchRun = {run: runRef(run), points, micro, ...latencySamples(input.samples(run.id))}
    group.runs.push(bench)

    const section = sectionOf.get(run.id)
    const power = estimatePower(section?.gpus ?? [], options.gpuWatts)
    if (!power) {
      if (points.length) powerMissing = true
      continue
    }
    for (const p of points) {
      if (!(p.outputThroughput > 0)) continue
      const cost = energyCost({
        powerW: power.watts,
        outputTokPerS: p.outputThroughput,
        electricityPrice: options.electricityPrice,
        cloudPrice: options.cloudPrice,
        hoursPerDay: options.hoursPerDay,
        ...(section?.hardwareCostUsd !== undefined ? {hardwareCostUsd: section.hardwareCostUsd} : {}),
      })
      energy.push({
        runId: run.id,
        model: run.model,
        ...(run.engine !== undefined ? {engine: run.engine} : {}),
        point: p.label,
        outputThroughput: p.outputThroughput,
        powerW: power.watts,
        powerSource: power.source,
        whPerMTok: cost.whPerMTok,
        electricityUsdPerMTok: cost.electricityUsdPerMTok,
        cloudUsdPerMTok: options.cloudPrice,
        savingUsdPerMTok: cost.savingUsdPerMTok,
        ...(section?.hardwareCostUsd !== undefined ? {hardwareCostUsd: section.hardwareCostUsd} : {}),
        ...(cost.breakEvenMonths !== undefined ? {breakEvenMonths: cost.breakEvenMonths} : {}),
      })
    }
  }

  const tools = runs
    .filter((r) => r.kind === 'eval-tool-calling')
    .map(toolRun)
    .filter((t): t is ToolRun => t !== undefined)

  const model: ReportModel = {
    generatedAt: (input.now ?? new Date()).toISOString(),
    options,
    runs: runs.map(runRef),
    hardware: [...hardware.values()],
    bench: [...groups.values()],
    tools,
    swe: runs
      .filter((r) => r.kind === 'eval-swe')
      .map((r) => sweRun(r, runRef(r)))
      .filter((r) => r !== undefined),
    retrieval: runs.flatMap((r) => (r.kind === 'eval-retrieval' ? (retrievalRun(r, runRef(r)) ?? []) : [])),
    energy,
  }
  if (powerMissing && !energy.length)
    model.energyNote =
      'No GPU power figure was stored with these runs (oac detect reads it from nvidia-smi); give --gpu-watts.'
  else if (powerMissing) model.energyNote = 'Some runs have no GPU power figure and are left out; give --gpu-watts.'
  else if (!energy.length) model.energyNote = 'No bench points with a measured throughput.'
  return model
}
