#!/usr/bin/env bash
# LoRA training for qwen2.5-coder-32b with mlx_lm.lora on Apple silicon (written by oac finetune plan). mlx_lm reads a
# folder with train.jsonl and valid.jsonl in the chat `messages` form (tools included): the last tenth of the
# pairs (the newest changes) is the validation set.
set -euo pipefail
data=${1:-$DATA/pairs.jsonl}
out=${2:-adapter}
mkdir -p mlx-data
total=$(wc -l < "$data")
valid=$(( total / 10 > 0 ? total / 10 : 1 ))
head -n "$(( total - valid ))" "$data" > mlx-data/train.jsonl
tail -n "$valid" "$data" > mlx-data/valid.jsonl
cat > lora.yaml <<'YAML'
lora_parameters:
  rank: 32
  scale: 20.0
  dropout: 0.0
YAML
mlx_lm.lora -c lora.yaml --model "mlx-community/Qwen2.5-Coder-32B-Instruct-4bit" --train --data mlx-data --adapter-path "$out" \
  --fine-tune-type lora --num-layers -1 --batch-size 1 --iters 123 \
  --max-seq-length 8192 --learning-rate 1e-4 --grad-checkpoint --mask-prompt
