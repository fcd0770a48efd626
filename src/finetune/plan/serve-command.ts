import {type AdapterEngine, adapterArgs, ollamaModelfile} from '../../engines/adapter-args.js'
import type {Architecture} from './catalog.js'

// The standalone serving command of a tuned model, under its own name (so bench, evals and `route pick` see it as one
// more model). The adapter flags and their sources are in src/engines/adapter-args.ts. Pure.

export type {AdapterEngine}

export interface AdapterLaunch {
  engine: AdapterEngine
  /** The model name clients ask for. */
  served: string
  argv: string[]
  /** Files the launch needs beside the command (Ollama's Modelfile). */
  files: Record<string, string>
}

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
          ...adapterArgs(engine, {adapter: o.adapter, name: o.name, rank: o.rank}),
        ],
        files: {},
      }
    case 'llamacpp':
      return {
        engine,
        served: o.name,
        argv: ['llama-server', '-m', o.base, ...adapterArgs(engine, o), '--alias', o.name, '--port', port, '--jinja'],
        files: {},
      }
    case 'ollama':
      return {
        engine,
        served: o.name,
        argv: ['ollama', 'create', o.name, '-f', 'Modelfile'],
        files: {Modelfile: ollamaModelfile(o.base, o.adapter)},
      }
    case 'mlx':
      return {
        engine,
        served: o.name,
        argv: ['mlx_lm.server', '--model', o.base, ...adapterArgs(engine, o), '--port', port],
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
