import {z} from 'zod'
import {OacError} from '../errors.js'
import type {RunKind} from '../store/types.js'

/** The run kinds the gate knows how to compare. */
export type GateKind = Extract<RunKind, 'bench' | 'eval-tool-calling' | 'eval-swe' | 'eval-retrieval'>
export const gateKinds: readonly GateKind[] = ['bench', 'eval-tool-calling', 'eval-swe', 'eval-retrieval']

/** What `oac gate --export` writes and `--baseline FILE` reads: one run, frozen, to commit beside the code. */
export interface Baseline {
  oacBaseline: 1
  kind: string
  model: string
  params: unknown
  summary: unknown
  /** The oac version that measured the run. */
  oacVersion?: string
  gitSha?: string
  runId?: number
  finishedAt?: string
  hardwareFingerprint?: string
}

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)

/** A baseline file as `--baseline FILE` reads it: kind, model and summary required; a mistyped extra reads as absent. */
export const baselineFile = z.looseObject({
  kind: z.string(),
  model: z.string(),
  params: z.unknown().optional(),
  summary: z.custom<object>((v) => typeof v === 'object' && v !== null),
  oacVersion: optional(z.string()),
  gitSha: optional(z.string()),
  runId: optional(z.number()),
  finishedAt: optional(z.string()),
  hardwareFingerprint: optional(z.string()),
})

/** The run the baseline is compared with. */
export interface Current {
  id: number
  kind: string
  model: string
  params: unknown
  summary: unknown
  hardwareFingerprint?: string
}

/** Metrics a --max-drop can set: percent for bench figures, points (1 = 0.01) for accuracy and failure rate. */
export type LimitKey =
  | 'output_throughput'
  | 'p99_ttft_ms'
  | 'mean_tpot_ms'
  | 'tokens_per_s'
  | 'accuracy'
  | 'resolved_rate'
  | 'failure_rate'
  | 'recall_at_5'
  | 'mrr_at_10'
export type Limits = Record<LimitKey, number>

export interface Check {
  metric: string
  /** The bench point (`concurrency=4 rate=inf`), the micro test, or the eval category; absent for overall. */
  point?: string
  baseline: number
  current: number
  /** Signed change: percent for bench figures, points for accuracy. */
  change: number
  /** The worst change allowed, signed the same way (−5: at most 5% lower; +10: at most 10% higher). */
  limit: number
  unit: '%' | 'pt'
  ok: boolean
  /** The figure rests on token counts the client estimated (the server sent no usage): compared, and flagged. */
  estimated?: boolean
}

export type GateStatus = 'pass' | 'fail' | 'error'

export interface GateResult {
  status: GateStatus
  reason: string
  checks: Check[]
}

/** The gate cannot compare (missing run or file, other kind or model, nothing in common): exit 2. */
export class GateError extends OacError {
  override name = 'GateError'
}

export const exitCodes: Record<GateStatus, number> = {pass: 0, fail: 1, error: 2}
