import type {HardwareReport} from '../hardware/types.js'
import {engineSupport, type MemoryBudget, memoryBudget} from './budget.js'
import {type Catalog, engineFormat} from './catalog.js'
import type {LoadedProfile} from './load-profiles.js'
import {GiB, kvCacheBytes, largestContext, weightBytes} from './memory.js'
import type {EngineId, ModelRole} from './schema.js'

export type Role = 'primary' | 'fast' | 'embedding'

export interface PlannedModel {
  role: Role
  model: string
  name: string
  quantization: string
  context: number
  parallel: number
  weightsGiB: number
  kvCacheGiB: number
  overheadGiB: number
  totalGiB: number
}

export interface Plan {
  profile: string
  engine: EngineId
  /** Set when the profile's engine cannot run here and its fallback was taken. */
  engineNote?: string
  kvCacheType: string
  tensorParallel: number
  budget: MemoryBudget
  models: PlannedModel[]
  requiredGiB: number
  fits: boolean
  /** usable − required, negative when it does not fit. */
  headroomGiB: number
  /** The longest context the primary model could have with everything else as planned. */
  primaryMaxContext: number
  notes: string[]
  /** When it does not fit: what would. */
  suggestions: string[]
}

export interface PlanOptions {
  /** Overrides the primary model's context. */
  context?: number
  /**
   * Plan a server to install (`oac setup`): the embedded engine runs inside oac (`oac serve`) and has nothing to
   * install, so its profile's fallback engine is planned instead, with a note saying so.
   */
  installable?: boolean
}

const r2 = (x: number) => Math.round(x * 100) / 100

function chooseEngine(profile: LoadedProfile, hw: HardwareReport, notes: string[], installable: boolean): EngineId {
  if (installable && profile.engine === 'embedded') {
    const fallback =
      profile.fallbackEngine && profile.fallbackEngine !== 'embedded' ? profile.fallbackEngine : 'llamacpp'
    notes.push(
      `the embedded engine runs inside oac (\`oac serve --model PATH.gguf\`, or \`oac quickstart\`) and has nothing to install: setting up the fallback engine ${fallback}`,
    )
    return chooseEngine({...profile, engine: fallback}, hw, notes, false)
  }
  const why = engineSupport(profile.engine, hw)
  if (!why) return profile.engine
  const fallback = profile.fallbackEngine ?? 'llamacpp'
  notes.push(`${why}: using the fallback engine ${fallback}`)
  return engineSupport(fallback, hw) ? 'llamacpp' : fallback
}

interface Sizing {
  catalog: Catalog
  engine: EngineId
  kvBytes: number
  tensorParallel: number
}

function size(s: Sizing, role: Role, r: ModelRole, quantization: string, context: number): PlannedModel {
  const model = s.catalog.models[r.model]
  const quant = s.catalog.quantizations[quantization]
  if (!model || !quant) throw new Error(`unknown model ${r.model} or quantization ${quantization}`)
  const perModel = s.catalog.engines[s.engine]?.overheadGiB ?? 1
  const overhead = perModel * (['vllm', 'sglang', 'lmdeploy'].includes(s.engine) ? s.tensorParallel : 1)
  const weights = weightBytes(model, quant) / GiB
  const kv = kvCacheBytes(model, s.kvBytes, context, r.parallel) / GiB
  return {
    role,
    model: r.model,
    name: model.name,
    quantization,
    context,
    parallel: r.parallel,
    weightsGiB: r2(weights),
    kvCacheGiB: r2(kv),
    overheadGiB: overhead,
    totalGiB: r2(weights + kv + overhead),
  }
}

/** The quantizations an engine can load, best quality first. */
function candidates(s: Sizing): string[] {
  const format = engineFormat(s.catalog, s.engine)
  return Object.entries(s.catalog.quantizations)
    .filter(([, q]) => q.format === format)
    .sort((a, b) => b[1].quality - a[1].quality)
    .map(([name]) => name)
}

// A fixed quantization of another format (mlx-8bit when the fallback engine takes GGUF) maps to the closest bits.
function translate(s: Sizing, quantization: string, notes: string[], role: Role): string {
  const format = engineFormat(s.catalog, s.engine)
  const q = s.catalog.quantizations[quantization]
  if (!q || q.format === format) return quantization
  const best = candidates(s).sort(
    (a, b) =>
      Math.abs((s.catalog.quantizations[a]?.bitsPerWeight ?? 0) - q.bitsPerWeight) -
      Math.abs((s.catalog.quantizations[b]?.bitsPerWeight ?? 0) - q.bitsPerWeight),
  )[0]
  notes.push(`${role}: ${quantization} is not a ${format} quantization; using ${best}`)
  return best ?? quantization
}

const sum = (models: PlannedModel[]) => models.reduce((t, m) => t + m.totalGiB, 0)

/** Resolves a profile on this hardware: engine, a quantization per model, memory fit and what to change when it does not fit. */
export function planProfile(
  profile: LoadedProfile,
  hw: HardwareReport,
  catalog: Catalog,
  options: PlanOptions = {},
): Plan {
  const notes: string[] = []
  const engine = chooseEngine(profile, hw, notes, options.installable ?? false)
  const budget = memoryBudget(hw, engine, profile)
  const kvBytes = catalog.kvCacheTypes[profile.kvCacheType] ?? 2
  const s: Sizing = {catalog, engine, kvBytes, tensorParallel: profile.tensorParallel}
  const roles = (Object.entries(profile.models) as [Role, ModelRole | undefined][]).filter(
    (e): e is [Role, ModelRole] => e[1] !== undefined,
  )
  const order = candidates(s)
  const contextOf = (role: Role, r: ModelRole) => {
    const wanted = role === 'primary' && options.context ? options.context : r.context
    const max = catalog.models[r.model]?.maxContext ?? wanted
    if (wanted > max) notes.push(`${role}: ${r.model} supports at most ${max} tokens of context; using ${max}`)
    return Math.min(wanted, max)
  }
  // Fixed quantizations first; each `auto` then takes the best quality that still leaves room for the
  // remaining auto roles at their smallest quantization.
  const planned = new Map<Role, PlannedModel>()
  const smallest = order[order.length - 1] ?? 'Q4_K_M'
  for (const [role, r] of roles)
    if (r.quantization !== 'auto')
      planned.set(role, size(s, role, r, translate(s, r.quantization, notes, role), contextOf(role, r)))
  const autos = roles.filter(([, r]) => r.quantization === 'auto')
  autos.forEach(([role, r], i) => {
    const rest = autos.slice(i + 1).map(([ro, rr]) => size(s, ro, rr, smallest, contextOf(ro, rr)))
    const fixed = [...planned.values(), ...rest]
    const ctx = contextOf(role, r)
    const fit = order.map((q) => size(s, role, r, q, ctx)).find((m) => sum([...fixed, m]) <= budget.usableGiB)
    planned.set(role, fit ?? size(s, role, r, smallest, ctx))
  })
  const models = roles.map(([role]) => planned.get(role)).filter((m): m is PlannedModel => m !== undefined)
  const required = r2(sum(models))
  const primary = models.find((m) => m.role === 'primary')
  const primarySpec = primary ? catalog.models[primary.model] : undefined
  let primaryMaxContext = 0
  if (primary && primarySpec) {
    const others = required - primary.kvCacheGiB
    primaryMaxContext = largestContext(primarySpec, kvBytes, primary.parallel, (budget.usableGiB - others) * GiB)
  }
  const plan: Plan = {
    profile: profile.id,
    engine,
    kvCacheType: profile.kvCacheType,
    tensorParallel: profile.tensorParallel,
    budget,
    models,
    requiredGiB: required,
    fits: required <= budget.usableGiB,
    headroomGiB: r2(budget.usableGiB - required),
    primaryMaxContext,
    notes,
    suggestions: [],
  }
  if (!plan.fits && primary && primarySpec) plan.suggestions = suggest(plan, profile, s, primary)
  return plan
}

function suggest(plan: Plan, profile: LoadedProfile, s: Sizing, primary: PlannedModel): string[] {
  const out: string[] = []
  const others = plan.models.filter((m) => m.role !== 'primary')
  const room = plan.budget.usableGiB - sum(others)
  const role = profile.models.primary
  const smaller = candidates(s)
    .map((q) => size(s, 'primary', role, q, primary.context))
    .find((m) => m.totalGiB <= room)
  if (smaller && smaller.quantization !== primary.quantization)
    out.push(
      `a smaller quantization: ${primary.model} ${smaller.quantization} (${smaller.totalGiB} GiB) fits at ${primary.context} tokens`,
    )
  if (plan.primaryMaxContext >= 2048)
    out.push(`a shorter context: --context ${plan.primaryMaxContext} fits with ${primary.quantization}`)
  if (profile.fallbackModel && profile.fallbackModel !== primary.model) {
    const spec = s.catalog.models[profile.fallbackModel]
    const ctx = Math.min(primary.context, spec?.maxContext ?? primary.context)
    const fb = candidates(s)
      .map((q) => size(s, 'primary', {...role, model: profile.fallbackModel ?? role.model}, q, ctx))
      .find((m) => m.totalGiB <= room)
    if (fb) out.push(`the fallback model: ${fb.model} ${fb.quantization} (${fb.totalGiB} GiB) at ${ctx} tokens`)
  }
  if (!out.length)
    out.push(`nothing in this profile fits in ${plan.budget.usableGiB} GiB; pick a smaller profile such as cpu`)
  return out
}
