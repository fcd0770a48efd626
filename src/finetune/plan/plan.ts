import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {OacError, UsageError} from '../../errors.js'
import {makeDir} from '../../make-dir.js'
import {GiB} from '../../profiles/memory.js'
import {type FinetuneCatalog, loadFinetuneCatalog} from './catalog.js'
import {type Method, paramCounts, type RunShape, type TrainingMemory, trainingMemory} from './memory.js'
import {trainingScripts} from './scripts.js'
import {serveCommand} from './serve-command.js'

// `oac finetune plan`: does a LoRA/QLoRA run of a model fit the profile's training device, how long would an epoch
// take, and the scripts that run it there. Memory from memory.ts; time = tokens per epoch / throughput, where the
// throughput is assumed (6 × active parameters FLOPs per token: forward, backward through frozen weights, and the
// recomputed forward of gradient checkpointing; at ASSUMED_MFU of the device's dense BF16 peak) and marked so.

const ASSUMED_MFU = 0.3
const ASSUMED_TOKENS = 1_000_000

export interface PlanOptions {
  profile: string
  model: string
  method: Method
  seqLen: number
  batch: number
  rank: number
  epochs: number
  /** card.json from `oac finetune prepare`: its token total is the epoch (else ASSUMED_TOKENS, marked so). */
  card?: string | undefined
  out?: string | undefined
  catalog?: FinetuneCatalog | undefined
}

export interface FinetunePlan {
  profile: string
  model: string
  hf: string
  backend: 'cuda' | 'mlx'
  shape: RunShape
  memory: TrainingMemory & {deviceGiB: number}
  fits: boolean
  time: {
    tokensPerEpoch: number
    tokensSource: 'card' | 'assumed'
    tokensPerSecond: number
    throughput: 'assumed'
    hoursPerEpoch: number
  }
  scripts: string[]
  serve: string
}

function tokensFrom(card: string | undefined, seqLen: number): {tokens: number; source: 'card' | 'assumed'} {
  if (!card) return {tokens: ASSUMED_TOKENS, source: 'assumed'}
  let text: string
  try {
    text = readFileSync(card, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : `cannot read (${code})`
    throw new UsageError(`--data ${card}: ${why} (give the card.json that oac finetune prepare wrote)`)
  }
  let parsed: {tokens?: {total?: unknown; max?: unknown}}
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`--data ${card}: expected the card.json of oac finetune prepare (${(error as Error).message})`)
  }
  const total = parsed.tokens?.total
  if (typeof total !== 'number') throw new UsageError(`--data ${card}: no tokens.total (not a finetune prepare card)`)
  // A pair longer than the sequence is cut there by the trainer.
  const max = typeof parsed.tokens?.max === 'number' ? parsed.tokens.max : seqLen
  return {tokens: max > seqLen ? Math.round(total * (seqLen / max)) : total, source: 'card'}
}

export function planFinetune(o: PlanOptions): FinetunePlan {
  const catalog = o.catalog ?? loadFinetuneCatalog()
  const device = catalog.profiles[o.profile]
  if (!device)
    throw new UsageError(
      `Unknown profile \`${o.profile}\` for finetune: expected one of ${Object.keys(catalog.profiles).join(', ')}`,
    )
  const arch = catalog.models[o.model]
  if (!arch)
    throw new UsageError(
      `Unknown model \`${o.model}\` for finetune: expected one of ${Object.keys(catalog.models).join(', ')}`,
    )
  const shape: RunShape = {
    method: o.method,
    backend: device.backend,
    seqLen: o.seqLen,
    batch: o.batch,
    rank: o.rank,
    optimizer: device.backend === 'mlx' ? 'adamw' : 'adamw_8bit',
  }
  const memory = trainingMemory(arch, shape)
  const {tokens, source} = tokensFrom(o.card, o.seqLen)
  const tokensPerSecond = Math.round((device.tflops * 1e12 * ASSUMED_MFU) / (6 * paramCounts(arch).active))
  const data = o.card ? join(o.card, '..', 'pairs.jsonl') : 'pairs.jsonl'
  const iters = Math.max(1, Math.ceil((tokens * o.epochs) / (o.seqLen * o.batch)))
  const files = trainingScripts({name: o.model, arch, shape, epochs: o.epochs, data}, iters)
  const serve = serveCommand(device.backend, arch, o.model, o.rank)
  files['serve.sh'] =
    `#!/usr/bin/env bash\n# Serve the base model with the trained adapter (written by oac finetune plan).\nset -euo pipefail\n${serve}\n`
  if (o.out) writeScripts(o.out, files)
  return {
    profile: o.profile,
    model: o.model,
    hf: device.backend === 'mlx' ? arch.mlx : arch.hf,
    backend: device.backend,
    shape,
    memory: {...memory, deviceGiB: device.memoryGiB},
    fits: memory.total <= device.memoryGiB * GiB,
    time: {
      tokensPerEpoch: tokens,
      tokensSource: source,
      tokensPerSecond,
      throughput: 'assumed',
      hoursPerEpoch: tokens / tokensPerSecond / 3600,
    },
    scripts: Object.keys(files).map((f) => (o.out ? join(o.out, f) : f)),
    serve,
  }
}

function writeScripts(dir: string, files: Record<string, string>): void {
  for (const name of Object.keys(files))
    if (existsSync(join(dir, name)))
      throw new OacError(`${join(dir, name)} exists: choose an empty --out folder (nothing was written)`)
  // Never Node's recursive mkdir: an --out under /proc never returned, and one that is a file failed with EEXIST.
  makeDir(dir)
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(dir, name), text, {mode: name.endsWith('.sh') ? 0o755 : 0o644})
}
