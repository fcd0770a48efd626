import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {packageRoot} from '../../../paths.js'

// The setup_cmd of a mined npm project: evals/swe/mine/npm-setup.cjs (install once per lockfile into
// $OAC_SETUP_CACHE, link it in) fed to node on stdin, so the dataset row carries the whole script and runs anywhere.

export const NPM_SETUP_FILE = join(packageRoot, 'evals', 'swe', 'mine', 'npm-setup.cjs')
const MARK = 'OAC_NPM_SETUP'

export function npmSetupCmd(): string {
  return `node - <<'${MARK}'\n${readFileSync(NPM_SETUP_FILE, 'utf8').trimEnd()}\n${MARK}`
}

/** Whether a setup run's output says it reused a cached install. */
export function setupCacheHit(output: string): boolean | undefined {
  const m = /^oac-setup: cache (hit|miss) /m.exec(output)
  return m ? m[1] === 'hit' : undefined
}
