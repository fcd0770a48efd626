import {z} from 'zod'

// Schemas of the YAML in profiles/ (and the user's config dir). Validated once at load; inside, only these types.

export const ENGINE_IDS = ['vllm', 'sglang', 'lmdeploy', 'llamacpp', 'ollama', 'mlx', 'embedded'] as const
export const engineId = z.enum(ENGINE_IDS)
export type EngineId = z.infer<typeof engineId>

const positiveInt = z.number().int().positive()
/** A full git commit id of a Hugging Face repository: a branch or tag can move, a commit cannot. */
const commitSha = z.string().regex(/^[0-9a-f]{40}$/, 'a 40-character commit id (hex)')

export const modelSpec = z.strictObject({
  name: z.string(),
  kind: z.enum(['chat', 'embedding']),
  hf: z.string().optional(),
  /** The commit of `hf` to load: engines get --revision, `hf download` gets --revision. */
  revision: commitSha.optional(),
  /**
   * Where the modelling code that --trust-remote-code runs lives, when config.json names another repository
   * (`auto_map: "<repo>--module.Class"`), and the commit of it to run (vLLM's --code-revision).
   */
  remoteCode: z.strictObject({repo: z.string(), revision: commitSha}).optional(),
  gguf: z.string().optional(),
  ollama: z.string().optional(),
  paramsB: z.number().positive(),
  activeParamsB: z.number().positive(),
  layers: positiveInt,
  kvHeads: positiveInt,
  headDim: positiveInt,
  maxContext: positiveInt,
  /** Layers that only keep a fixed window of tokens in the KV cache (gpt-oss alternates them). */
  slidingWindow: z.strictObject({layers: positiveInt, tokens: positiveInt}).optional(),
  toolCallParser: z.string().optional(),
})
export type ModelSpec = z.infer<typeof modelSpec>

export const quantizationSpec = z.strictObject({
  format: z.enum(['gguf', 'hf', 'mlx']),
  bitsPerWeight: z.number().positive(),
  quality: z.number().min(0).max(100),
})
export type QuantizationSpec = z.infer<typeof quantizationSpec>

export const catalogFile = z.strictObject({
  models: z.record(z.string(), modelSpec),
  quantizations: z.record(z.string(), quantizationSpec).optional(),
  kvCacheTypes: z.record(z.string(), z.number().positive()).optional(),
  engines: z
    .partialRecord(engineId, z.strictObject({format: z.enum(['gguf', 'hf', 'mlx']), overheadGiB: z.number().min(0)}))
    .optional(),
})
export type CatalogFile = z.infer<typeof catalogFile>

export const modelRole = z.strictObject({
  model: z.string(),
  /** A quantization name from the catalog, or `auto`: the best quality that fits. */
  quantization: z.string().default('auto'),
  context: positiveInt,
  parallel: positiveInt.default(1),
})
export type ModelRole = z.infer<typeof modelRole>

export const matchRule = z.strictObject({
  /** Higher wins when several profiles match. */
  priority: z.number().int().default(0),
  /** Matches any machine: the fallback profile. */
  any: z.boolean().optional(),
  gpu: z
    .strictObject({
      vendor: z.enum(['nvidia', 'amd', 'intel']),
      /** Substring of the GPU name, case-insensitive. */
      name: z.string().optional(),
      minCount: positiveInt.default(1),
      minVramMiB: positiveInt.optional(),
    })
    .optional(),
  apple: z.strictObject({chip: z.string().optional(), minMemoryGiB: z.number().positive().optional()}).optional(),
})
export type MatchRule = z.infer<typeof matchRule>

export const profile = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  description: z.string(),
  match: matchRule,
  engine: engineId,
  fallbackEngine: engineId.optional(),
  kvCacheType: z.string().default('f16'),
  /** Share of the GPU (or, CPU-only, RAM) memory the engine may use. */
  memoryFraction: z.number().gt(0).max(1).default(0.9),
  tensorParallel: positiveInt.default(1),
  models: z.strictObject({primary: modelRole, fast: modelRole.optional(), embedding: modelRole.optional()}),
  fallbackModel: z.string().optional(),
  hardwareCostUsd: z.number().min(0).optional(),
})
export type Profile = z.infer<typeof profile>
