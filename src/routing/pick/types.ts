// `oac route pick`: which model should do which kind of work on this box, from measured evidence only.

export const taskClasses = ['agent', 'fast', 'long_context', 'embeddings'] as const
export type TaskClass = (typeof taskClasses)[number]

/** A figure and the run it comes from, so every number in a decision can be traced back. */
export interface Figure {
  value: number
  runId: number
  at: string
}

/** One model as served by one endpoint (engine, quantization) on this hardware, with its latest figures. */
export interface Candidate {
  /** `model@endpoint`, stable across runs of the same endpoint. */
  id: string
  model: string
  endpointUrl: string
  engine?: string
  quantization?: string
  contextLength?: number
  /** Decode speed at concurrency 1: 1000 / median TPOT (vLLM's TPOT excludes the first token). */
  decodeTokS?: Figure
  /** Median TTFT at concurrency 1, any dataset. */
  medianTtftMs?: Figure
  /** p90 TTFT at concurrency 1 on the `coding` dataset (agent-shaped prompts). */
  codingP90TtftMs?: Figure
  /** Overall tool-calling accuracy, and the mode it was measured in. */
  toolAccuracy?: Figure & {mode: string}
  longContextAccuracy?: Figure
  /** SWE resolved rate (0..1) and the agent that got it. */
  sweResolved?: Figure & {agent: string}
  /** Runs left out and why (other hardware, older than the endpoint's current engine…). */
  ignored: {runId: number; reason: string}[]
}

export interface PickPolicy {
  /** agent: decode speed at concurrency 1 must reach this (tok/s). */
  minDecodeTokS: number
  /** agent: p90 TTFT on the coding dataset must stay under this (ms). */
  maxCodingP90TtftMs: number
  /** fast: tool-calling accuracy must reach this (0..1). */
  minFastToolAccuracy: number
  /** long_context: accuracy on the long_context category must reach this (0..1). */
  minLongContextAccuracy: number
  /**
   * agent: rank by swe × resolved rate + tool × tool-calling accuracy instead of SWE first, tool accuracy second.
   * A candidate lacking a figure whose weight is above 0 is excluded, never scored as if it were 0.
   */
  agentWeights?: {swe: number; tool: number}
}

export const defaultPolicy: PickPolicy = {
  minDecodeTokS: 20,
  maxCodingP90TtftMs: 5_000,
  minFastToolAccuracy: 0.6,
  minLongContextAccuracy: 0.5,
}

/** How one candidate fared in one class: its figures, and the rule that excluded it, if one did. */
export interface Ranked {
  candidate: string
  model: string
  figures: Record<string, number | null>
  runIds: number[]
  excludedBy?: string
}

export interface ClassDecision {
  taskClass: TaskClass
  /** The chosen candidate id, or undefined when no candidate qualifies. */
  chosen?: string
  model?: string
  /** Best first; excluded candidates last. */
  ranking: Ranked[]
  reason: string
  /** Commands that would supply missing evidence. */
  missing: string[]
}

export interface PickResult {
  hardwareFingerprint?: string
  policy: PickPolicy
  classes: ClassDecision[]
  candidates: Candidate[]
}
