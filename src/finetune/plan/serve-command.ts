import type {Architecture} from './catalog.js'

// How each engine serves a base model with a LoRA adapter, as its documentation says, under the tuned model's own
// name (so bench, evals and `route pick` see it as one more model):
// - vLLM: `--enable-lora --lora-modules NAME=PATH`, and `--max-lora-rank` when the rank is over the default 16
//   (docs.vllm.ai, features/lora "Serving LoRA Adapters"; engine args `--max-lora-rank`, default 16).
// - llama.cpp: `llama-server -m BASE.gguf --lora ADAPTER.gguf` (tools/server/README.md: `--lora FNAME`), the adapter
//   converted with convert_lora_to_gguf.py.
// - Ollama: a Modelfile with `FROM BASE` and `ADAPTER PATH` (docs/modelfile.md, "ADAPTER"), then `ollama create NAME`.
// - MLX: `mlx_lm.server --model BASE --adapter-path DIR` (mlx_lm server.py's --adapter-path).
// Pure.

export type AdapterEngine = 'vllm' | 'llamacpp' | 'ollama' | 'mlx'

export interface AdapterLaunch {
  engine: AdapterEngine
  /** The model name clients ask for. */
  served: string
  argv: string[]
  /** Files the launch needs beside the command (Ollama's Modelfile). */
  files: Record<string, string>
}

const VLLM_DEFAULT_MAX_LORA_RANK = 16

export function adapterLaunch(
  engine: AdapterEngine,
  o: {base: string; adapter: string; name: string; rank: number; port?: number | undefined},
): AdapterLaunch {
  const port = String(o.port ?? 8000)
  switch (engine) {
    case 'vllm':
      return {
        engine,
        served: o.name,
        argv: [
          'vllm',
          'serve',
          o.base,
          '--port',
          port,
          '--enable-lora',
          '--lora-modules',
          `${o.name}=${o.adapter}`,
          ...(o.rank > VLLM_DEFAULT_MAX_LORA_RANK ? ['--max-lora-rank', String(o.rank)] : []),
        ],
        files: {},
      }
    case 'llamacpp':
      return {
        engine,
        served: o.name,
        argv: ['llama-server', '-m', o.base, '--lora', o.adapter, '--alias', o.name, '--port', port, '--jinja'],
        files: {},
      }
    case 'ollama':
      return {
        engine,
        served: o.name,
        argv: ['ollama', 'create', o.name, '-f', 'Modelfile'],
        files: {Modelfile: `FROM ${o.base}\nADAPTER ${o.adapter}\n`},
      }
    case 'mlx':
      return {
        engine,
        served: o.name,
        argv: ['mlx_lm.server', '--model', o.base, '--adapter-path', o.adapter, '--port', port],
        files: {},
      }
    default: {
      const never: never = engine
      throw new Error(`unknown engine ${String(never)}`)
    }
  }
}

const q = (s: string) => (/^[\w./:=@+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`)

/** The serving command a plan's serve.sh runs: vLLM on CUDA, mlx_lm.server on Apple silicon. */
export function serveCommand(backend: 'cuda' | 'mlx', arch: Architecture, name: string, rank: number): string {
  const launch =
    backend === 'mlx'
      ? adapterLaunch('mlx', {base: arch.mlx, adapter: 'adapter', name: `${name}-tuned`, rank})
      : adapterLaunch('vllm', {base: arch.hf, adapter: 'adapter', name: `${name}-tuned`, rank})
  return launch.argv.map(q).join(' ')
}
