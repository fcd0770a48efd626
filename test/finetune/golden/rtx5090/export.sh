#!/usr/bin/env bash
# Export the trained adapter (written by oac finetune plan). Either keep it as an adapter the engine loads beside
# the base model (vLLM --lora-modules, llama.cpp --lora after converting it to GGUF), or merge it into the base and
# convert the merged model to GGUF with llama.cpp's converter. LLAMA_CPP is a llama.cpp checkout.
set -euo pipefail
mode=${1:-adapter}
adapter=${2:-adapter}
llama_cpp=${LLAMA_CPP:?set LLAMA_CPP to a llama.cpp checkout}
case "$mode" in
  adapter)
    python3 "$llama_cpp/convert_lora_to_gguf.py" --base-model-id "Qwen/Qwen2.5-Coder-7B-Instruct" --outfile adapter.gguf "$adapter"
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
