import {join} from 'node:path'
import {z} from 'zod'
import {packageRoot} from '../../paths.js'
import {loadYaml} from '../../profiles/load-yaml.js'

// profiles/finetune.yaml: the layer shapes the training memory math needs, and the device each profile trains on.

const positive = z.number().int().positive()

export const architecture = z.strictObject({
  hf: z.string(),
  mlx: z.string(),
  hidden: positive,
  /** The MLP width: the dense MLP's, or one expert's for an MoE. */
  intermediate: positive,
  layers: positive,
  heads: positive,
  kvHeads: positive,
  headDim: positive,
  vocab: positive,
  tied: z.boolean(),
  experts: z.strictObject({count: positive, active: positive}).optional(),
})
export type Architecture = z.infer<typeof architecture>

export const trainDevice = z.strictObject({
  backend: z.enum(['cuda', 'mlx']),
  memoryGiB: z.number().positive(),
  tflops: z.number().positive(),
})
export type TrainDevice = z.infer<typeof trainDevice>

const catalog = z.strictObject({
  models: z.record(z.string(), architecture),
  profiles: z.record(z.string(), trainDevice),
})
export type FinetuneCatalog = z.infer<typeof catalog>

export const FINETUNE_CATALOG = join(packageRoot, 'profiles', 'finetune.yaml')

export function loadFinetuneCatalog(file = FINETUNE_CATALOG): FinetuneCatalog {
  return loadYaml(file, catalog)
}
