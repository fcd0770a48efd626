import type {Architecture} from './catalog.js'
import {loraTargets, type RunShape} from './memory.js'

// The files `oac finetune plan --out DIR` writes: the training run (Unsloth + TRL on CUDA, mlx_lm.lora on Apple
// silicon) with pinned versions, the export step, and the serving command. oac cannot train here (no GPU); a person
// runs these on the box the plan is for. Pure: text from the plan's numbers. Versions are the newest releases on
// PyPI when written (unsloth 2026.10.9, trl 1.16.0, peft 0.21.2, transformers 5.23.0, datasets 5.2.0,
// bitsandbytes 0.50.2, mlx-lm 0.32.2); pip resolves torch for the installed CUDA.

export interface ScriptInput {
  name: string
  arch: Architecture
  shape: RunShape
  epochs: number
  /** pairs.jsonl from `oac finetune prepare`, as the scripts see it (relative to DIR, or absolute). */
  data: string
}

const CUDA_PINS = [
  'unsloth==2026.10.9',
  'trl==1.16.0',
  'peft==0.21.2',
  'transformers==5.23.0',
  'datasets==5.2.0',
  'bitsandbytes==0.50.2',
]

function unslothTrain(s: ScriptInput): string {
  const targets = loraTargets(s.arch)
    .map((t) => `"${t}"`)
    .join(', ')
  return `"""LoRA training for ${s.name} (written by oac finetune plan; run on the training box)."""
import json
import sys

from datasets import Dataset
from trl import SFTConfig, SFTTrainer
from unsloth import FastLanguageModel

DATA = sys.argv[1] if len(sys.argv) > 1 else "${s.data}"
OUT = sys.argv[2] if len(sys.argv) > 2 else "adapter"

model, tokenizer = FastLanguageModel.from_pretrained(
    model_name="${s.arch.hf}",
    max_seq_length=${s.shape.seqLen},
    load_in_4bit=${s.shape.method === 'qlora' ? 'True' : 'False'},
)
model = FastLanguageModel.get_peft_model(
    model,
    r=${s.shape.rank},
    lora_alpha=${s.shape.rank * 2},
    target_modules=[${targets}],
    use_gradient_checkpointing="unsloth",
)

# Each pair rendered with the model's own chat template, tools included. Rows are read with json, not
# datasets.load_dataset: Arrow would merge the tool calls' argument objects into one struct and hand the
# template null fields.
with open(DATA, encoding="utf-8") as rows:
    pairs = [json.loads(line) for line in rows if line.strip()]
texts = [tokenizer.apply_chat_template(p["messages"], tools=p.get("tools"), tokenize=False) for p in pairs]

trainer = SFTTrainer(
    model=model,
    processing_class=tokenizer,
    train_dataset=Dataset.from_dict({"text": texts}),
    args=SFTConfig(
        dataset_text_field="text",
        max_length=${s.shape.seqLen},
        per_device_train_batch_size=${s.shape.batch},
        gradient_accumulation_steps=${Math.max(1, Math.round(8 / s.shape.batch))},
        num_train_epochs=${s.epochs},
        learning_rate=2e-4,
        optim="${s.shape.optimizer}",
        logging_steps=10,
        output_dir="checkpoints",
    ),
)
trainer.train()
model.save_pretrained(OUT)
tokenizer.save_pretrained(OUT)
`
}

function unslothExport(s: ScriptInput): string {
  return `#!/usr/bin/env bash
# Export the trained adapter (written by oac finetune plan). Either keep it as an adapter the engine loads beside
# the base model (vLLM --lora-modules, llama.cpp --lora after converting it to GGUF), or merge it into the base and
# convert the merged model to GGUF with llama.cpp's converter. LLAMA_CPP is a llama.cpp checkout.
set -euo pipefail
mode=\${1:-adapter}
adapter=\${2:-adapter}
llama_cpp=\${LLAMA_CPP:?set LLAMA_CPP to a llama.cpp checkout}
case "$mode" in
  adapter)
    python3 "$llama_cpp/convert_lora_to_gguf.py" --base-model-id "${s.arch.hf}" --outfile adapter.gguf "$adapter"
    ;;
  merge)
    python3 - "$adapter" <<'PY'
import sys
from unsloth import FastLanguageModel
model, tokenizer = FastLanguageModel.from_pretrained(model_name=sys.argv[1], load_in_4bit=False)
model.save_pretrained_merged("merged", tokenizer, save_method="merged_16bit")
PY
    python3 "$llama_cpp/convert_hf_to_gguf.py" merged --outtype bf16 --outfile merged-bf16.gguf
    "$llama_cpp/build/bin/llama-quantize" merged-bf16.gguf merged-Q4_K_M.gguf Q4_K_M
    ;;
  *)
    echo "usage: export.sh adapter|merge [ADAPTER_DIR]" >&2
    exit 2
    ;;
esac
`
}

function mlxTrain(s: ScriptInput, iters: number): string {
  return `#!/usr/bin/env bash
# LoRA training for ${s.name} with mlx_lm.lora on Apple silicon (written by oac finetune plan). mlx_lm reads a
# folder with train.jsonl and valid.jsonl in the chat \`messages\` form (tools included): the last tenth of the
# pairs (the newest changes) is the validation set.
set -euo pipefail
data=\${1:-${s.data}}
out=\${2:-adapter}
mkdir -p mlx-data
total=$(wc -l < "$data")
valid=$(( total / 10 > 0 ? total / 10 : 1 ))
head -n "$(( total - valid ))" "$data" > mlx-data/train.jsonl
tail -n "$valid" "$data" > mlx-data/valid.jsonl
cat > lora.yaml <<'YAML'
lora_parameters:
  rank: ${s.shape.rank}
  scale: 20.0
  dropout: 0.0
YAML
mlx_lm.lora -c lora.yaml --model "${s.arch.mlx}" --train --data mlx-data --adapter-path "$out" \\
  --fine-tune-type lora --num-layers -1 --batch-size ${s.shape.batch} --iters ${iters} \\
  --max-seq-length ${s.shape.seqLen} --learning-rate 1e-4 --grad-checkpoint --mask-prompt
`
}

function mlxExport(s: ScriptInput): string {
  return `#!/usr/bin/env bash
# Export the trained adapter (written by oac finetune plan): keep it (mlx_lm.server --adapter-path) or fuse it into
# the base model (mlx_lm.fuse); --export-gguf writes a GGUF for llama.cpp or Ollama where mlx_lm supports the family.
set -euo pipefail
mode=\${1:-adapter}
adapter=\${2:-adapter}
case "$mode" in
  adapter) echo "keep $adapter: serve it with mlx_lm.server --adapter-path $adapter" ;;
  merge) mlx_lm.fuse --model "${s.arch.mlx}" --adapter-path "$adapter" --save-path fused --dequantize --export-gguf ;;
  *)
    echo "usage: export.sh adapter|merge [ADAPTER_DIR]" >&2
    exit 2
    ;;
esac
`
}

/** The files of a plan, by name. */
export function trainingScripts(s: ScriptInput, iters: number): Record<string, string> {
  if (s.shape.backend === 'mlx')
    return {
      'requirements.txt': 'mlx-lm==0.32.2\n',
      'train.sh': mlxTrain(s, iters),
      'export.sh': mlxExport(s),
    }
  return {
    'requirements.txt': `${CUDA_PINS.join('\n')}\n`,
    'train.py': unslothTrain(s),
    'export.sh': unslothExport(s),
  }
}
