import {compareSummaries} from './compare.js'
import {checkName, formatChange, formatLimit} from './format.js'
import {measuredDifferently} from './scope-check.js'
import {
  type Baseline,
  type Check,
  type Current,
  GateError,
  type GateKind,
  type GateResult,
  gateKinds,
  type Limits,
} from './types.js'
import {workloadDifferences} from './workload.js'

export interface GateOptions {
  limits: Limits
  allowModelChange?: boolean
  /** Compare runs that sent different requests (dataset, lengths, concurrency, eval mode or categories). */
  allowWorkloadChange?: boolean
  /** Compare runs measured on different hardware (another fingerprint). */
  allowHardwareChange?: boolean
}

/** What the verdict adds about a run that passed: failed requests and estimated token counts are never silent. */
function caveats(checks: Check[], runId: number): string {
  const failing = checks.filter((c) => c.metric === 'failure_rate' && c.current > 0)
  const notes = [
    ...(failing.length
      ? [
          `run ${runId} had failed requests (${failing.map((c) => `${(c.current * 100).toFixed(1)}%${c.point ? ` at ${c.point}` : ''}`).join(', ')})`,
        ]
      : []),
    ...(checks.some((c) => c.estimated) ? ['token figures rest on estimated counts (the server sent no usage)'] : []),
  ]
  return notes.length ? `; ${notes.join('; ')}` : ''
}

function describeBaseline(baseline: Baseline): string {
  return baseline.runId !== undefined ? `baseline run ${baseline.runId}` : 'baseline'
}

/** Compares a run with a baseline: `pass`, `fail` (a regression beyond a limit) or `error` (cannot compare). */
export function runGate(baseline: Baseline, current: Current, options: GateOptions): GateResult {
  try {
    if (baseline.kind !== current.kind)
      throw new GateError(`the baseline is of kind ${baseline.kind} but run ${current.id} is of kind ${current.kind}`)
    if (baseline.model !== current.model && !options.allowModelChange)
      throw new GateError(
        `the baseline measured model ${baseline.model} but run ${current.id} measured ${current.model} (--allow-model-change to compare anyway)`,
      )
    if (baseline.runId === current.id)
      throw new GateError(`the baseline is run ${current.id} itself: comparing a run with itself proves nothing`)
    const {hardwareFingerprint: before} = baseline
    const after = current.hardwareFingerprint
    if (before && after && before !== after && !options.allowHardwareChange)
      throw new GateError(
        `run ${current.id} was measured on other hardware (${after}) than ${describeBaseline(baseline)} (${before}) (--allow-hardware-change to compare anyway)`,
      )
    const kind = (gateKinds as readonly string[]).includes(baseline.kind) ? (baseline.kind as GateKind) : undefined
    const differences = kind
      ? [
          ...workloadDifferences(kind, baseline.params, current.params),
          ...measuredDifferently(kind, baseline.summary, current.summary),
        ]
      : []
    if (differences.length && !options.allowWorkloadChange)
      throw new GateError(
        `run ${current.id} measured another workload than ${describeBaseline(baseline)}: ${differences.join(', ')} (--allow-workload-change to compare anyway)`,
      )
    const {checks, missing} = compareSummaries(baseline.kind, baseline.summary, current.summary, options.limits)
    const against = `run ${current.id} vs ${describeBaseline(baseline)}`
    const notMatched = missing.length ? `; not in run ${current.id}: ${missing.join(', ')}` : ''
    const failed = checks.filter((c) => !c.ok)
    if (failed.length === 0)
      return {
        status: 'pass',
        reason: `all ${checks.length} checks within limits (${against})${notMatched}${caveats(checks, current.id)}`,
        checks,
      }
    const worst = failed
      .slice(0, 3)
      .map((c) => `${checkName(c)} ${formatChange(c)} (limit ${formatLimit(c)})`)
      .join('; ')
    const more = failed.length > 3 ? `; and ${failed.length - 3} more` : ''
    return {
      status: 'fail',
      reason: `${failed.length} of ${checks.length} checks regressed (${against}): ${worst}${more}`,
      checks,
    }
  } catch (error) {
    if (error instanceof GateError) return {status: 'error', reason: error.message, checks: []}
    throw error
  }
}
