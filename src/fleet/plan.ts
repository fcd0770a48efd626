import {UsageError} from '../errors.js'
import {memoryBudget} from '../profiles/budget.js'
import {type Catalog, engineFormat} from '../profiles/catalog.js'
import {GiB, kvCacheBytes, weightBytes} from '../profiles/memory.js'
import {launchCommands} from './launch.js'
import {networkVerdict} from './network.js'
import type {FleetEngine, FleetLayoutKind, FleetPlan, HostFit, PlannedHost} from './types.js'

export interface FleetPlanOptions {
  model: string
  layout?: FleetLayoutKind
  quantization?: string
  context?: number
  parallel?: number
}

// KV cache type per engine across hosts: vLLM's fp8 cache, llama.cpp's q8_0, MLX keeps f16.
const KV_TYPE: Record<FleetEngine, string> = {vllm: 'fp8', llamacpp: 'q8_0', mlx: 'f16'}

const r2 = (x: number) => Math.round(x * 100) / 100

/**
 * The engine that splits a model over these hosts: MLX when every host is a Mac; vLLM on Ray when every host has
 * the same NVIDIA GPUs (its pipeline stages are equal, VLLM_PP_LAYER_PARTITION aside); llama.cpp RPC otherwise,
 * since its RPC backend mixes CUDA and Metal devices of any size.
 */
export function chooseEngine(hosts: PlannedHost[]): FleetEngine {
  if (hosts.every((h) => h.hardware.apple)) return 'mlx'
  const shapes = new Set(
    hosts.map(({hardware}) => {
      const gpus = hardware.gpus.filter((g) => g.vendor === 'nvidia')
      return gpus.length ? `${gpus.length}x${gpus[0]?.vramTotalMiB}` : 'none'
    }),
  )
  return shapes.size === 1 && !shapes.has('none') ? 'vllm' : 'llamacpp'
}

interface Budget {
  devices: number
  usablePerDevice: number
}

function budgets(hosts: PlannedHost[], engine: FleetEngine): Budget[] {
  return hosts.map(({hardware, profile}) => {
    const b = memoryBudget(hardware, engine, profile)
    const devices = Math.max(1, b.gpus)
    return {devices, usablePerDevice: b.usableGiB / devices}
  })
}

/** Layer share per host: equal stages for vLLM and MLX, by usable memory for llama.cpp (its default split). */
function shares(engine: FleetEngine, kind: FleetLayoutKind, b: Budget[]): number[] {
  if (engine === 'llamacpp') {
    const total = b.reduce((s, x) => s + x.devices * x.usablePerDevice, 0)
    return b.map((x) => (x.devices * x.usablePerDevice) / total)
  }
  if (kind === 'tensor') {
    const devices = b.reduce((s, x) => s + x.devices, 0)
    return b.map((x) => x.devices / devices)
  }
  return b.map(() => 1 / b.length)
}

function fitHosts(
  hosts: PlannedHost[],
  b: Budget[],
  share: number[],
  bytes: {weights: number; kv: number},
  overheadGiB: number,
): HostFit[] {
  return hosts.map(({host, profile}, i) => {
    const budget = b[i] as Budget
    const s = share[i] as number
    const weightsGiB = (bytes.weights * s) / GiB
    const kvCacheGiB = (bytes.kv * s) / GiB
    const perDevice = (weightsGiB + kvCacheGiB) / budget.devices + overheadGiB
    return {
      host: host.name,
      address: host.ansible_host ?? host.name,
      profile: profile.id,
      devices: budget.devices,
      usablePerDeviceGiB: r2(budget.usablePerDevice),
      share: r2(s),
      weightsGiB: r2(weightsGiB),
      kvCacheGiB: r2(kvCacheGiB),
      overheadGiB,
      requiredPerDeviceGiB: r2(perDevice),
      fits: perDevice <= budget.usablePerDevice,
    }
  })
}

/** Plans one model across the fleet: engine, split, quantization, memory per host, network and launch commands. */
export function planFleet(hosts: PlannedHost[], catalog: Catalog, options: FleetPlanOptions): FleetPlan {
  const spec = catalog.models[options.model]
  if (!spec) throw new UsageError(`unknown model "${options.model}"; known: ${Object.keys(catalog.models).join(', ')}`)
  const engine = chooseEngine(hosts)
  const kind = options.layout ?? 'pipeline'
  if (kind === 'tensor' && engine !== 'vllm')
    throw new UsageError(`tensor parallel across hosts is a vLLM layout; these hosts run ${engine} (pipeline only)`)
  const context = options.context ?? 32768
  const parallel = options.parallel ?? 1
  const format = engineFormat(catalog, engine)
  const candidates = Object.entries(catalog.quantizations)
    .filter(([name, q]) => q.format === format && (!options.quantization || name === options.quantization))
    .sort((a, b) => b[1].quality - a[1].quality)
  if (!candidates.length)
    throw new UsageError(`no ${format} quantization named "${options.quantization}" for ${engine} in the catalog`)
  const b = budgets(hosts, engine)
  const share = shares(engine, kind, b)
  const overheadGiB = catalog.engines[engine]?.overheadGiB ?? 1
  const kvBytes = kvCacheBytes(spec, catalog.kvCacheTypes[KV_TYPE[engine]] ?? 2, context, parallel)
  let chosen = candidates[candidates.length - 1] as (typeof candidates)[number]
  let fits: HostFit[] = []
  for (const candidate of candidates) {
    chosen = candidate
    fits = fitHosts(hosts, b, share, {weights: weightBytes(spec, candidate[1]), kv: kvBytes}, overheadGiB)
    if (fits.every((f) => f.fits)) break
  }
  const [quantization, quant] = chosen
  const alone = (i: number) => {
    const x = b[i] as Budget
    return (weightBytes(spec, quant) + kvBytes) / GiB / x.devices + overheadGiB <= x.usablePerDevice
  }
  const gbps = Math.min(...hosts.map((h) => h.host.oac_link_gbps))
  const network = {gbps, ...networkVerdict(kind, gbps, hosts.length)}
  const devices = b.map((x) => x.devices)
  const layout =
    kind === 'tensor'
      ? {kind, tensorParallel: devices.reduce((s, d) => s + d, 0), pipelineParallel: 1, hosts: hosts.length}
      : {
          kind,
          tensorParallel: engine === 'vllm' ? (devices[0] ?? 1) : 1,
          pipelineParallel: hosts.length,
          hosts: hosts.length,
        }
  const plan: FleetPlan = {
    model: options.model,
    ...(spec.hf ? {hf: spec.hf} : {}),
    ...(spec.gguf ? {gguf: spec.gguf} : {}),
    engine,
    quantization,
    context,
    parallel,
    layout,
    singleHostFits: hosts.some((_, i) => alone(i)),
    hosts: fits,
    network,
    fits: fits.every((f) => f.fits),
    launch: [],
    files: [],
    notes: [],
  }
  if (network.verdict === 'refused') plan.refused = network.reason
  else if (!plan.fits) plan.refused = `${options.model} does not fit these hosts at any ${format} quantization`
  const launch = launchCommands(plan, hosts, spec, KV_TYPE[engine])
  return {...plan, ...launch, notes: [...plan.notes, ...launch.notes]}
}
