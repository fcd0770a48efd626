import type {HardwareReport} from '../hardware/types.js'
import type {Catalog} from '../profiles/catalog.js'
import type {Plan} from '../profiles/plan.js'
import {LOCALHOST, launchEach, UnservableModel, venvBin} from './launch-each.js'
import {hfServerSpec, pinnedRevision} from './python-server.js'
import type {EngineLaunch, LaunchInput, LaunchOptions, LaunchSpec} from './types.js'
import {checkpoint} from './vllm.js'

// LMDeploy's OpenAI-compatible server, `lmdeploy serve api_server MODEL`, on the plan side only: oac plans and
// prints its launch commands, and `oac setup` does not install it (it is not in provision/engines.ts). Flags from
// https://lmdeploy.readthedocs.io/en/v0.4.0/serving/api_server.html (`--server-port`, default port 23333; `--tp`
// tensor parallelism; `--session-len` the context window; `--cache-max-entry-count` the share of GPU memory left
// after the weights that the k/v cache takes), `--model-format awq` for 4-bit AWQ checkpoints (the W4A16 guide,
// https://lmdeploy.readthedocs.io/en/v0.4.0/quantization/w4a16.html), `--quant-policy 8` for an int8 k/v cache
// (https://lmdeploy.readthedocs.io/en/v0.4.0/quantization/kv_quant.html), and `--model-name` for the served id.

export const id = 'lmdeploy' as const
export const defaultPort = 23333
export const healthPath = '/v1/models'

/** The share of the memory left after this model's weights that its planned k/v cache needs, rounded up. */
function cacheShare(input: LaunchInput): number {
  const {planned, plan} = input
  const free = plan.budget.totalGiB - planned.weightsGiB - planned.overheadGiB
  const share = free > 0 ? planned.kvCacheGiB / free : 1
  return Math.min(0.95, Math.max(0.01, Math.ceil(share * 100) / 100))
}

export function launch(input: LaunchInput): LaunchSpec {
  const {planned, plan, spec, port, options} = input
  if (spec.kind === 'embedding')
    throw new UnservableModel('LMDeploy api_server serves chat models here, not embeddings')
  if (planned.quantization !== 'awq' && planned.quantization !== 'bf16')
    throw new UnservableModel(`LMDeploy is planned with awq or bf16 weights, not ${planned.quantization}`)
  const host = options?.host ?? LOCALHOST
  const ckpt = checkpoint(planned.model, spec, planned.quantization, options)
  const revision = pinnedRevision(spec, ckpt.repo)
  const args = [
    venvBin('lmdeploy', options),
    'serve',
    'api_server',
    ckpt.repo,
    '--server-name',
    host,
    '--server-port',
    String(port),
    '--model-name',
    planned.model,
    '--tp',
    String(plan.tensorParallel),
    '--session-len',
    String(planned.context),
    '--cache-max-entry-count',
    String(cacheShare(input)),
    '--model-format',
    planned.quantization === 'awq' ? 'awq' : 'hf',
  ]
  const notes = [...ckpt.notes]
  // The pinned revision is what gets downloaded (weights below); the server loads that local snapshot.
  // An fp8 k/v cache is one byte per value, as int8 is: the planned memory holds.
  if (plan.kvCacheType === 'fp8' || plan.kvCacheType === 'q8_0') args.push('--quant-policy', '8')
  return hfServerSpec(id, healthPath, input, host, {repo: ckpt.repo, revision, command: args, notes})
}

export function launchPlan(plan: Plan, catalog: Catalog, hw: HardwareReport, options?: LaunchOptions): EngineLaunch {
  return launchEach({id, defaultPort, launch}, plan, catalog, hw, options)
}
