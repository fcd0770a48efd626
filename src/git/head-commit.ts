import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {locateRepo} from './repo-layout.js'

// The commit a work tree is at, read from the files (HEAD, the loose ref, packed-refs) without starting git: a
// lookup that needs no program cannot be made to run one.

function readRef(commonDir: string, gitDir: string, ref: string): string | undefined {
  for (const dir of [gitDir, commonDir]) {
    try {
      return readFileSync(join(dir, ref), 'utf8').trim()
    } catch {
      // not a loose ref here
    }
  }
  try {
    const packed = readFileSync(join(commonDir, 'packed-refs'), 'utf8')
    return packed
      .split('\n')
      .find((line) => line.endsWith(` ${ref}`))
      ?.split(' ')[0]
  } catch {
    return undefined
  }
}

/** The full commit id `dir`'s repository has checked out, or undefined (no repository, unborn branch, odd layout). */
export function headCommit(dir: string): string | undefined {
  try {
    const {gitDir, commonDir} = locateRepo(dir)
    let value = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim()
    for (let hops = 0; hops < 5 && value.startsWith('ref: '); hops++)
      value = readRef(commonDir, gitDir, value.slice(5).trim()) ?? ''
    return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(value) ? value : undefined
  } catch {
    return undefined
  }
}
