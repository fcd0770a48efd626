import {Flags} from '@oclif/core'
import {prose} from '../../cli/prose.js'
import type {Method} from './memory.js'
import type {PlanOptions} from './plan.js'

// `oac finetune plan`'s help and flags, and the flags as options (pure).

export const PLAN_DESCRIPTION =
  prose(`Training memory = quantized base weights (NF4 for QLoRA, 16-bit for LoRA, MLX 4-bit on Apple
silicon) + the LoRA adapter with its fp32 gradients and optimizer state + one layer's activations per token (Unsloth's
offloaded gradient checkpointing; on MLX the checkpoints and logits stay on the device) + framework overhead, against
the profile's training device (one GPU). The model reproduces Unsloth's published Llama 3.1 8B and Llama 3.3 70B
figures within a few percent. Time per epoch = tokens (from --data, the dataset card) / an ASSUMED throughput (30% of
the device's peak at 6 FLOPs per active parameter per token). --out writes requirements.txt, the training script
(Unsloth + TRL on CUDA, mlx_lm.lora on Apple), export.sh (keep the adapter, or merge and convert to GGUF) and
serve.sh. oac cannot train here; run the scripts on the box the plan is for. Exit 0 when it fits, 1 when it does not.`)

export const PLAN_EXAMPLES = [
  '<%= config.bin %> finetune plan --profile rtx5090 --model qwen2.5-coder-7b',
  '<%= config.bin %> finetune plan --profile rtx5090 --model qwen3-coder-30b-a3b --seq-len 4096 --data ft/card.json --out ft/run',
  '<%= config.bin %> finetune plan --profile m4-max --model qwen2.5-coder-32b --json',
]

export const planFlags = {
  profile: Flags.string({char: 'p', required: true, description: 'rtx5090, dual-4090 or m4-max'}),
  model: Flags.string({char: 'm', required: true, description: 'a model of profiles/finetune.yaml'}),
  method: Flags.string({
    options: ['qlora', 'lora'],
    default: 'qlora',
    description: '4-bit base (qlora) or 16-bit (lora)',
  }),
  'seq-len': Flags.integer({min: 128, default: 8192, description: 'tokens per training sequence'}),
  batch: Flags.integer({min: 1, default: 1, description: 'sequences per step'}),
  rank: Flags.integer({min: 1, default: 16, description: 'LoRA rank'}),
  epochs: Flags.integer({min: 1, default: 2, description: 'passes over the data'}),
  data: Flags.string({description: 'card.json of `oac finetune prepare` (tokens per epoch)'}),
  out: Flags.string({description: 'write the scripts into this (empty) folder'}),
}

export function toPlanOptions(f: {
  profile: string
  model: string
  method: string
  'seq-len': number
  batch: number
  rank: number
  epochs: number
  data?: string | undefined
  out?: string | undefined
}): PlanOptions {
  return {
    profile: f.profile,
    model: f.model,
    method: f.method as Method,
    seqLen: f['seq-len'],
    batch: f.batch,
    rank: f.rank,
    epochs: f.epochs,
    card: f.data,
    out: f.out,
  }
}
