import type {HardwareReport} from '../hardware/types.js'
import type {Catalog} from '../profiles/catalog.js'
import type {Plan, PlannedModel} from '../profiles/plan.js'
import type {ModelSpec} from '../profiles/schema.js'
import type {EngineLaunch, EngineModule, LaunchOptions} from './types.js'

// What the engine modules share to turn a plan into launch specs: one server per planned model on consecutive
// ports, the memory share per process, and small facts about the host.

/** The host engines listen on unless a profile says otherwise. */
export const LOCALHOST = '127.0.0.1'

/** The OpenAI base URL of a server on `host:port`. */
export function baseUrl(host: string | undefined, port: number): string {
  return `http://${host ?? LOCALHOST}:${port}/v1`
}

/** The platform the launch scripts are written for. */
export function platformOf(hw: HardwareReport): 'linux' | 'darwin' {
  return hw.os.platform === 'darwin' ? 'darwin' : 'linux'
}

/** `<venv>/bin/<tool>` when a venv is set, else the bare tool name (found on PATH). */
export function venvBin(tool: string, options?: LaunchOptions): string {
  return options?.venv ? `${options.venv.replace(/\/$/, '')}/bin/${tool}` : tool
}

/** A model is a mixture of experts when only part of its parameters are active per token. */
export function isMoe(spec: ModelSpec): boolean {
  return spec.activeParamsB < spec.paramsB * 0.9
}

/**
 * A server's share of all the GPU memory, for the engines that preallocate a fraction per process
 * (vLLM --gpu-memory-utilization, SGLang --mem-fraction-static): the planned total of this model over the total
 * memory, rounded up to a hundredth so that the KV cache the plan sized is never cut.
 */
export function memoryShare(planned: PlannedModel, plan: Plan): number {
  const share = planned.totalGiB / plan.budget.totalGiB
  return Math.min(0.95, Math.max(0.05, Math.ceil(share * 100) / 100))
}

/** Thrown by an engine's `launch` for a model it will not serve as asked; launchEach lists it as skipped. */
export class UnservableModel extends Error {
  override name = 'UnservableModel'
}

/**
 * Runs `launch` for every planned model the engine can serve, on consecutive ports from `basePort`.
 * `skip` says why an engine cannot serve a model (undefined: it can).
 */
export function launchEach(
  engine: Pick<EngineModule, 'id' | 'defaultPort' | 'launch'>,
  plan: Plan,
  catalog: Catalog,
  hw: HardwareReport,
  options: LaunchOptions = {},
  skip: (planned: PlannedModel, spec: ModelSpec) => string | undefined = () => undefined,
): EngineLaunch {
  const out: EngineLaunch = {engine: engine.id, servers: [], skipped: []}
  let port = options.basePort ?? engine.defaultPort
  for (const planned of plan.models) {
    const spec = catalog.models[planned.model]
    if (!spec) {
      out.skipped.push({role: planned.role, model: planned.model, reason: 'not in the model catalog'})
      continue
    }
    const why = skip(planned, spec)
    if (why) {
      out.skipped.push({role: planned.role, model: planned.model, reason: why})
      continue
    }
    try {
      out.servers.push(engine.launch({planned, plan, spec, hw, port, options}))
    } catch (e) {
      if (!(e instanceof UnservableModel)) throw e
      out.skipped.push({role: planned.role, model: planned.model, reason: e.message})
      continue
    }
    port += 1
  }
  return out
}
