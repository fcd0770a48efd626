import {readFileSync} from 'node:fs'
import {headCommit} from './git/head-commit.js'
import {packageRoot} from './paths.js'

// Recorded with every run so a figure can be traced to the code that measured it.

let cached: {version: string; gitSha?: string} | undefined

/** oac's package version and, when it runs from a git checkout, the commit it runs at. */
export function oacVersion(): {version: string; gitSha?: string} {
  if (cached) return cached
  const pkg = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {version: string}
  const gitSha = headCommit(packageRoot)?.slice(0, 12)
  cached = {version: pkg.version, gitSha}
  return cached
}
