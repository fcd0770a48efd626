#!/usr/bin/env bash
# Serve the base model with the trained adapter (written by oac finetune plan).
set -euo pipefail
mlx_lm.server --model mlx-community/Qwen2.5-Coder-32B-Instruct-4bit --adapter-path adapter --port 8000
