#!/usr/bin/env bash
# Serve the base model with the trained adapter (written by oac finetune plan).
set -euo pipefail
vllm serve Qwen/Qwen2.5-Coder-7B-Instruct --port 8000 --enable-lora --lora-modules qwen2.5-coder-7b-tuned=adapter --max-lora-rank 32
