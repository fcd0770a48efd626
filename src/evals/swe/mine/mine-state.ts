import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {appendFile, mkdir, readFile, rm, writeFile} from 'node:fs/promises'
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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Holds --out for this run (a lock file beside the state, naming the process): two runs on one --out would both
 * validate the same commits and write each task twice. A lock whose process is gone (killed) is taken over.
 * Returns its release.
 */
export async function lockState(out: string): Promise<() => Promise<void>> {
  const file = `${stateFile(out)}.lock`
  await mkdir(dirname(file), {recursive: true})
  for (;;) {
    try {
      await writeFile(file, String(process.pid), {flag: 'wx'})
      return () => rm(file, {force: true})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim())
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid))
      throw new MineInputError(
        `${out} is being mined by another oac eval swe mine (pid ${pid}): wait for it, or choose another --out`,
      )
    // No pid yet: another run has just created the lock and is writing its pid; a blank lock stays blank only when
    // its writer died in between.
    const age = Date.now() - (statSync(file, {throwIfNoEntry: false})?.mtimeMs ?? 0)
    if (!(pid > 0) && age < 2000) await new Promise((r) => setTimeout(r, 50))
    else await rm(file, {force: true})
  }
}

export async function appendState(out: string, line: StateLine): Promise<void> {
  const file = stateFile(out)
  await mkdir(dirname(file), {recursive: true})
  await appendFile(file, `${JSON.stringify(line)}\n`)
}
