import {homedir} from 'node:os'
import {join} from 'node:path'

// Where oac keeps its data: $OAC_HOME, else the XDG data dir (https://specifications.freedesktop.org/basedir-spec/).
export function oacHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OAC_HOME) return env.OAC_HOME
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share')
  return join(xdg, 'oac')
}

// Where users put their own profiles and config: $OAC_CONFIG_DIR, else the XDG config dir.
export function oacConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OAC_CONFIG_DIR) return env.OAC_CONFIG_DIR
  const xdg = env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(xdg, 'oac')
}

// The package root (profiles/, evals/ and fixtures/ ship beside dist/ and src/).
export const packageRoot = new URL('..', import.meta.url).pathname
