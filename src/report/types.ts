import {OacError} from '../errors.js'
import type {CostSummary} from '../routing/cost/cost-summary.js'
import type {RouteShowResult} from '../routing/show.js'
// The report's data model: what `oac report` read from the results store, as plain numbers, before any HTML.

/** Input errors (unknown run, nothing to report, bad flag values): exit 2 with one clear line. */
export class ReportError extends OacError {
  override name = 'ReportError'
}

export interface ReportOptions {
  /** Electricity price, USD per kWh. */
  electricityPrice: number
  /** Cloud API price, USD per million output tokens. */
  cloudPrice: number
  /** Hours a day the machine serves at the measured throughput, for the break-even months. */
  hoursPerDay: number
  /** Replaces the GPU power from the stored hardware (W, all GPUs together). */
  gpuWatts?: number
  /** Replaces the profile's hardwareCostUsd. */
  hardwareCostUsd?: number
}

export interface RunRef {
  id: number
  kind: string
  model: string
  engine?: string
  status: string
  startedAt: string
  /** What the run measured (bench: dataset and lengths; eval: mode and categories), when it was recorded. */
  workload?: string
}

export interface GpuRow {
  name: string
  vramTotalMiB?: number
  powerLimitW?: number
  powerDrawW?: number
}

/** One machine the selected runs were measured on. */
export interface HardwareSection {
  fingerprint: string
  runIds: number[]
  os?: string
  cpu?: string
  ramGiB?: number
  gpus: GpuRow[]
  apple?: string
  profile?: string
  hardwareCostUsd?: number
}

/** One point of a bench sweep, as the summary stored it (vLLM field names). */
export interface PointRow {
  label: string
  concurrency: number | null
  requestRate: number | 'inf'
  completed: number
  failed: number
  outputThroughput: number
  requestThroughput: number
  /** TTFT: the first token of any kind (content, reasoning or tool call), vLLM's definition. */
  medianTtftMs: number
  /** The first answer token (content or tool call), after any reasoning; null in runs stored before it was measured. */
  medianContentTtftMs: number | null
  p99TtftMs: number
  /** null: not measured (no reply streamed in two or more chunks over time). */
  meanTpotMs: number | null
  medianItlMs: number | null
  medianE2elMs: number
  /** Token counts were estimated by the client (the server sent no usage): throughput and TPOT are marked so. */
  tokensEstimated: boolean
}

export interface Histogram {
  /** Bin edges, one more than counts. */
  edges: number[]
  counts: number[]
}

export interface MicroRow {
  test: string
  /** null: not measured (tg replies came in one chunk). */
  tokensPerS: number | null
  stdTokensPerS: number | null
  repetitions: number
}

export interface BenchRun {
  run: RunRef
  points: PointRow[]
  micro: MicroRow[]
  ttftMs: number[]
  itlMs: number[]
}

/** Bench runs of one model served by one engine. */
export interface BenchGroup {
  key: string
  model: string
  engine?: string
  runs: BenchRun[]
}

export interface ToolRun {
  run: RunRef
  /** First-try accuracy; null when no attempt finished (an interrupted run): n/a, never plotted as 0. */
  accuracy: number | null
  cases: number
  attempts: number
  categories: Record<string, {total: number; passed: number; accuracy: number}>
  /** Of the answers that made calls: null when none did, or when the run did not record it. */
  parseableRate: number | null
  schemaValidRate: number | null
  /** Set when nearly every answer was plain text where a call was wanted. */
  warning?: string
}

/** One `oac eval swe` run (src/evals/swe/summary.ts). */
export interface SweRun {
  run: RunRef
  agent: string
  total: number
  resolved: number
  /** null when no instance was attempted: n/a, never plotted as 0. */
  resolvedRate: number | null
  passHatK: number | null
  repeat: number
  /** Prompt + completion tokens per attempt; null when the agent does not report them. */
  tokensPerTask: number | null
  meanDurationS: number
}

/** One `oac eval retrieval` run (src/evals/retrieval/summary.ts): each method's file-level figures. */
export interface RetrievalRun {
  run: RunRef
  repo: string
  commit: string | null
  source: 'history' | 'questions'
  questions: number
  methods: {name: string; questions: number; recallAt5: number; recallAt10: number; mrrAt10: number}[]
}

export interface EnergyPointRow {
  runId: number
  model: string
  engine?: string
  point: string
  outputThroughput: number
  powerW: number
  powerSource: string
  whPerMTok: number
  electricityUsdPerMTok: number
  cloudUsdPerMTok: number
  savingUsdPerMTok: number
  hardwareCostUsd?: number
  /** null: never (the cloud is as cheap or cheaper per token), undefined: no hardware cost known. */
  breakEvenMonths?: number | null
}

export interface ReportModel {
  generatedAt: string
  options: ReportOptions
  runs: RunRef[]
  hardware: HardwareSection[]
  bench: BenchGroup[]
  tools: ToolRun[]
  swe: SweRun[]
  retrieval: RetrievalRun[]
  energy: EnergyPointRow[]
  /** Why the energy section is empty, when it is. */
  energyNote?: string
  /** What `oac route pick --write` routed where, and since when (absent before the first decision). */
  routing?: RouteShowResult
  /** The router's cost ledger over the last 30 days (`oac cost`), when it has rows. */
  cost?: CostSummary
}
