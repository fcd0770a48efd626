import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {packageRoot} from './paths.js'

// Recorded with every run so a figure can be traced to the code that measured it.

let cached: {version: string; gitSha?: string} | undefined

/** oac's package version and, when it runs from a git checkout, the commit it runs at. */
export function oacVersion(): {version: string; gitSha?: string} {
  if (cached) return cached
  const pkg = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {version: string}
  let gitSha: string | undefined
  try {
    gitSha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim()
  } catch {
    gitSha = undefined
  }
  cached = {version: pkg.version, gitSha}
  return cached
}
