import {join} from 'node:path'
import {oacHome} from '../../paths.js'

// What a task's setup_cmd finds in its environment: OAC_SETUP_CACHE, a folder it may keep installs in across
// checkouts (the setup commands `oac eval swe mine` writes key their installs there by lockfile hash).

export function setupCacheDir(): string {
  return join(oacHome(), 'swe', 'setup-cache')
}

export function setupEnv(): Record<string, string> {
  return {OAC_SETUP_CACHE: setupCacheDir()}
}
