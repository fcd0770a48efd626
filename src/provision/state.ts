import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'

// state.json beside engine.json: what `oac setup` verified and for which configuration (a hash), so that a second
// run skips checks and smoke requests that already passed for the same setup.

export type SetupState = Record<string, string>

export function readState(file: string): SetupState {
  if (!existsSync(file)) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SetupState
  } catch {
    return {}
  }
}

export function markState(file: string, key: string, value: string): void {
  const state = readState(file)
  state[key] = value
  mkdirSync(dirname(file), {recursive: true})
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`)
}

export function hashOf(value: unknown): string {
  return createHash('sha256')
    .update(typeof value === 'string' ? value : JSON.stringify(value))
    .digest('hex')
    .slice(0, 16)
}
