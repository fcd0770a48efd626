import {llamacpp} from '../engines/llamacpp.js'
import {mlx} from '../engines/mlx.js'
import {ollama} from '../engines/ollama.js'
import {sglang} from '../engines/sglang.js'
import type {EngineModule} from '../engines/types.js'
import {vllm} from '../engines/vllm.js'
import type {EngineId} from '../profiles/schema.js'

const ENGINES: Partial<Record<EngineId, EngineModule>> = {vllm, llamacpp, ollama, mlx, sglang}

export function engineModule(id: EngineId): EngineModule {
  const engine = ENGINES[id]
  if (!engine) throw new Error(`oac setup cannot provision the ${id} engine: it has no server to install`)
  return engine
}

/** Engine names as people write them, for titles. */
export const ENGINE_NAMES: Record<EngineId, string> = {
  vllm: 'vLLM',
  llamacpp: 'llama.cpp',
  ollama: 'Ollama',
  mlx: 'MLX-LM',
  sglang: 'SGLang',
  lmdeploy: 'LMDeploy',
  embedded: 'the embedded engine',
}
