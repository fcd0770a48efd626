import {Flags} from '@oclif/core'
import type {GateRequest} from './check-run.js'

/** The flags of `oac gate`. */
export const gateFlags = {
  baseline: Flags.string({description: 'baseline file (from --export), run id, or last', exclusive: ['export']}),
  current: Flags.string({
    default: 'last',
    description: 'run to check: run id, or last (newest complete run of the kind)',
  }),
  'max-drop': Flags.string({
    multiple: true,
    description:
      'metric=N: how much worse a metric may get; percent for output_throughput, p99_ttft_ms, mean_tpot_ms, tokens_per_s, points for accuracy, resolved_rate and failure_rate',
  }),
  'allow-model-change': Flags.boolean({default: false, description: 'compare even when the models differ'}),
  'allow-workload-change': Flags.boolean({
    default: false,
    description:
      'compare even when the workloads differ (dataset or part of it, prompts, repeats, retries, token counting)',
  }),
  'allow-hardware-change': Flags.boolean({
    default: false,
    description: 'compare even when the runs were measured on different hardware',
  }),
  junit: Flags.string({description: 'write a JUnit XML report to FILE'}),
  markdown: Flags.string({description: 'write a Markdown summary (for a PR comment) to FILE'}),
  export: Flags.string({
    description: 'print the baseline JSON of RUN_ID (or last) to commit',
    exclusive: ['baseline'],
  }),
}

/** What `oac gate`'s parsed flags ask checkRun for. */
export function gateRequest(flags: {
  baseline?: string | undefined
  current: string
  'max-drop'?: string[] | undefined
  'allow-model-change': boolean
  'allow-workload-change': boolean
  'allow-hardware-change': boolean
}): GateRequest {
  return {
    ...(flags.baseline !== undefined ? {baseline: flags.baseline} : {}),
    current: flags.current,
    ...(flags['max-drop'] ? {maxDrops: flags['max-drop']} : {}),
    allowModelChange: flags['allow-model-change'],
    allowWorkloadChange: flags['allow-workload-change'],
    allowHardwareChange: flags['allow-hardware-change'],
  }
}
