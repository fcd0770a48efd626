import type {HardwareReport} from '../hardware/types.js'
import type {LoadedProfile} from '../profiles/load-profiles.js'
import type {EngineId} from '../profiles/schema.js'
import type {FleetHost} from './inventory.js'

/** A host of the inventory with the hardware it is planned on and its profile. */
export interface PlannedHost {
  host: FleetHost
  hardware: HardwareReport
  profile: LoadedProfile
}

/** How one model is split over hosts: tensor parallel everywhere, or pipeline stages across hosts. */
export type FleetLayoutKind = 'tensor' | 'pipeline'

/** The engines that split one model over several hosts, each with its own cluster tooling. */
export type FleetEngine = Extract<EngineId, 'vllm' | 'llamacpp' | 'mlx'>

export interface HostFit {
  host: string
  address: string
  profile: string
  /** Devices on the host and the memory the engine may use on each, in GiB. */
  devices: number
  usablePerDeviceGiB: number
  /** Share of the model's layers on this host. */
  share: number
  weightsGiB: number
  kvCacheGiB: number
  overheadGiB: number
  /** Per device: what one GPU (or the Mac's unified memory) holds. */
  requiredPerDeviceGiB: number
  fits: boolean
}

export interface FleetPlan {
  model: string
  hf?: string
  gguf?: string
  engine: FleetEngine
  quantization: string
  context: number
  parallel: number
  layout: {kind: FleetLayoutKind; tensorParallel: number; pipelineParallel: number; hosts: number}
  /** Whether a single host could hold the model alone (then the split buys nothing but speed). */
  singleHostFits: boolean
  hosts: HostFit[]
  network: {gbps: number; verdict: 'ok' | 'slow' | 'refused'; reason: string}
  fits: boolean
  /** The commands that start the cluster, in the order to run them, each on its host. */
  launch: {host: string; command: string[]}[]
  /** Files the launch needs, such as MLX's host file. */
  files: {host: string; path: string; content: string}[]
  notes: string[]
  /** Set when oac will not run this plan, with the reason. */
  refused?: string
}
