import type {Price} from '../cost/price-table.js'

// `oac route pick`: which model should do which kind of work on this box, from measured evidence only.

export const taskClasses = ['agent', 'fast', 'long_context', 'embeddings'] as const
export type TaskClass = (typeof taskClasses)[number]

/** A figure and the run it comes from, so every number in a decision can be traced back. */
export interface Figure {
  value: number
  runId: number
  at: string
  /** Rests on token counts the client estimated (the server sent no usage). */
  estimated?: boolean
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
  /** Decode speed at concurrency 1 on the whole coding set: 1000 / median TPOT (TPOT excludes the first token). */
  decodeTokS?: Figure
  /** The run that covers the coding set observed no decode (replies in one chunk): not measured, never a pass. */
  decodeNotMeasured?: {runId: number; reason: string}
  /** Median time to the first answer token (content TTFT) at concurrency 1 on the whole coding set. */
  medianTtftMs?: Figure
  /** p90 TTFT (first token of any kind) at concurrency 1 on the whole coding set (agent-shaped prompts). */
  codingP90TtftMs?: Figure
  /** First-try tool-calling accuracy over a whole dataset (`suite`, `bfcl:FILE`), and the mode it was measured in. */
  toolAccuracy?: Figure & {mode: string; dataset: string}
  /** Accuracy over the whole long_context category. */
  longContextAccuracy?: Figure
  /** SWE resolved rate (0..1) over a whole SWE dataset, the agent that got it, and the dataset (`swe:suite`…). */
  sweResolved?: Figure & {agent: string; dataset: string}
  /** Newer runs that cover only part of a scope, and what they cover: the policy says what would measure the rest. */
  partial?: {coding?: string; tools?: string; longContext?: string; swe?: string}
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
  /** Figures (keys of `figures`) that rest on token counts the client estimated. */
  estimated?: string[]
  runIds: number[]
  excludedBy?: string
}

export interface CloudProposal {
  /** `upstream/model`, as a route's `overflow:` names it. */
  target: string
  model: string
  price: Price
  priceSource: string
  /** Its row under the class's rules, from stored runs of this model; absent when none are stored. */
  evidence?: Ranked
  reason: string
}

/** Whether cloud models were considered, and why not when they were not. */
export interface CloudStatus {
  file: string
  models: number
  allowed: boolean
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
  /** A cloud model for this class when no local one qualifies and the user allows the cloud (cloud-proposal.ts). */
  cloud?: CloudProposal
}

export interface PickResult {
  hardwareFingerprint?: string
  policy: PickPolicy
  classes: ClassDecision[]
  candidates: Candidate[]
  /** The routing file's cloud models, when it has any, and whether the user allows them. */
  cloud?: CloudStatus
}
