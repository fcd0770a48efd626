import {homedir} from 'node:os'
import {join} from 'node:path'
import {oacHome} from '../paths.js'
import type {EngineId} from '../profiles/schema.js'

// Where `oac setup` puts things. Everything is derived from the environment (OAC_HOME, XDG_CONFIG_HOME, HOME,
// HF_HOME), so tests and `--dry-run` golden files get the same paths on every machine.

export interface Layout {
  home: string
  /** $OAC_HOME/engines/<profile>: engine.json, state.json, one launch script per server, logs/. */
  engineDir: string
  configFile: string
  stateFile: string
  logsDir: string
  modelsDir: string
  venvDir: string
  llamaCppDir: string
  /** Ollama's release archive unpacked: bin/ollama, lib/ollama. */
  ollamaDir: string
  /** Release archives while they are checked against their checksums. */
  downloadsDir: string
  /** Folders put first on PATH for the engine's own commands (its venv, llama.cpp's build/bin). */
  enginePath: string[]
  systemdDir: string
  launchAgentsDir: string
  hfCache: string
}

function userHome(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir()
}

/** The Hugging Face hub cache, as huggingface_hub finds it (HF_HUB_CACHE, HF_HOME/hub, XDG_CACHE_HOME). */
export function hfCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE
  if (env.HF_HOME) return join(env.HF_HOME, 'hub')
  return join(env.XDG_CACHE_HOME || join(userHome(env), '.cache'), 'huggingface', 'hub')
}

export function engineRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(oacHome(env), 'engines')
}

export function layoutFor(profile: string, engine: EngineId, env: NodeJS.ProcessEnv = process.env): Layout {
  const home = oacHome(env)
  const engineDir = join(engineRoot(env), profile)
  const venvDir = join(home, 'venvs', engine)
  const llamaCppDir = join(home, 'llama.cpp')
  const ollamaDir = join(home, 'ollama')
  const python = engine === 'vllm' || engine === 'sglang' || engine === 'mlx'
  return {
    home,
    engineDir,
    configFile: join(engineDir, 'engine.json'),
    stateFile: join(engineDir, 'state.json'),
    logsDir: join(engineDir, 'logs'),
    modelsDir: join(home, 'models'),
    venvDir,
    llamaCppDir,
    ollamaDir,
    downloadsDir: join(home, 'downloads'),
    enginePath: python
      ? [join(venvDir, 'bin')]
      : engine === 'llamacpp'
        ? [join(llamaCppDir, 'build', 'bin')]
        : engine === 'ollama'
          ? [join(ollamaDir, 'bin')]
          : [],
    systemdDir: join(env.XDG_CONFIG_HOME || join(userHome(env), '.config'), 'systemd', 'user'),
    launchAgentsDir: join(userHome(env), 'Library', 'LaunchAgents'),
    hfCache: hfCacheDir(env),
  }
}

/** The systemd unit (or launchd label) of one server: oac-<profile>-<role>. */
export function serviceName(profile: string, role: string): string {
  return `oac-${profile}-${role}`
}

export function launchdLabel(profile: string, role: string): string {
  return `dev.oac.${profile}-${role}`
}
