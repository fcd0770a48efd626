#!/usr/bin/env bash
# Export the trained adapter (written by oac finetune plan): keep it (mlx_lm.server --adapter-path) or fuse it into
# the base model (mlx_lm.fuse); --export-gguf writes a GGUF for llama.cpp or Ollama where mlx_lm supports the family.
set -euo pipefail
mode=${1:-adapter}
adapter=${2:-adapter}
case "$mode" in
  adapter) echo "keep $adapter: serve it with mlx_lm.server --adapter-path $adapter" ;;
  merge) mlx_lm.fuse --model "mlx-community/Qwen2.5-Coder-32B-Instruct-4bit" --adapter-path "$adapter" --save-path fused --dequantize --export-gguf ;;
  *)
    echo "usage: export.sh adapter|merge [ADAPTER_DIR]" >&2
    exit 2
    ;;
esac
