import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {appendFile, mkdir, rm} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {z} from 'zod'
import {oacHome} from '../../../paths.js'
import {MineInputError} from './mirror.js'

// What a mining run has done so far, one line per commit validated, so that Ctrl-C keeps every task (each is in
// --out the moment it is validated) and running the same command again goes on where it stopped. Kept beside oac's
// data, keyed by the absolute --out path; a missing --out starts afresh.

export const stateLine = z.object({
  sha: z.string(),
  kept: z.boolean(),
  reason: z.string().optional(),
  detail: z.string().optional(),
  seconds: z.number(),
  setupCacheHit: z.boolean().optional(),
})
export type StateLine = z.infer<typeof stateLine>

export function stateFile(out: string): string {
  const key = createHash('sha256').update(resolve(out)).digest('hex').slice(0, 16)
  return join(oacHome(), 'swe', 'mine', 'state', `${key}.jsonl`)
}

/** The commits an earlier run on the same --out finished; throws when --out holds something mine did not write. */
export async function loadState(out: string): Promise<StateLine[]> {
  const file = stateFile(out)
  if (!existsSync(out)) {
    await rm(file, {force: true})
    return []
  }
  if (!existsSync(file)) {
    if (statSync(out).size === 0) return []
    throw new MineInputError(
      `${out} exists and was not written by oac eval swe mine: choose another --out or remove it`,
    )
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        const parsed = stateLine.safeParse(JSON.parse(line))
        return parsed.success ? [parsed.data] : []
      } catch {
        // A line cut by a crash: that commit is validated again.
        return []
      }
    })
}

export async function appendState(out: string, line: StateLine): Promise<void> {
  const file = stateFile(out)
  await mkdir(dirname(file), {recursive: true})
  await appendFile(file, `${JSON.stringify(line)}\n`)
}
