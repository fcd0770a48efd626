import type {ChangedFile} from '../../evals/swe/mine/history.js'
import {skipByName} from '../../rag/skip-file.js'

// Which changed files a training pair leaves out: what no one writes by hand (lockfiles, generated and minified
// files, vendored copies of other projects) and what is not text (binaries). The index's own rules (rag/skip-file.ts)
// decide lockfiles, generated names, binaries and secret files (dotenv, keys); vendored folders are added here. Pure.

export type FileSkip = 'lockfile' | 'generated' | 'vendored' | 'binary' | 'secret-file'

const VENDORED = /(^|\/)(node_modules|vendor|third_party|bower_components|dist|build)\//

/** Why a changed file is left out of a training pair, or undefined when a person wrote it. */
export function fileSkip(file: ChangedFile): FileSkip | undefined {
  if (file.added === null) return 'binary'
  if (VENDORED.test(file.path)) return 'vendored'
  const verdict = skipByName(file.path, 0)
  if (!verdict) return undefined
  if (verdict.reason === 'secret') return 'secret-file'
  if (verdict.reason === 'binary') return 'binary'
  return verdict.detail === 'lockfile' ? 'lockfile' : 'generated'
}
