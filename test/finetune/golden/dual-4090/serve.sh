#!/usr/bin/env bash
# Serve the base model with the trained adapter (written by oac finetune plan).
set -euo pipefail
vllm serve Qwen/Qwen3-Coder-30B-A3B-Instruct --port 8000 --enable-lora --lora-modules qwen3-coder-30b-a3b-tuned=adapter --max-lora-rank 32
