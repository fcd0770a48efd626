import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {mine} from '../../../src/evals/swe/mine/mine.js'
import {lockState, stateFile} from '../../../src/evals/swe/mine/mine-state.js'

// Two mining runs on one --out (a second terminal, a script started twice) both validated the same commits and
// wrote each task twice: the second is refused while the first runs, and a lock left by a killed run is taken over.

const home = mkdtempSync(join(tmpdir(), 'oac-mine-lock-'))
const saved = process.env.OAC_HOME
const out = join(home, 'tasks.jsonl')
const run = (path: string) => mine({path, out, jobs: 1, timeoutS: 30, signal: new AbortController().signal})

beforeAll(() => {
  process.env.OAC_HOME = home
})
afterAll(() => {
  if (saved === undefined) delete process.env.OAC_HOME
  else process.env.OAC_HOME = saved
})

describe('oac eval swe mine: one run per --out', () => {
  it('refuses a second run while the first holds --out, and takes over the lock of a run that is gone', async () => {
    const lock = `${stateFile(out)}.lock`
    const release = await lockState(out)
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid))
    await expect(run(join(home, 'not-a-repo'))).rejects.toThrow(
      `${out} is being mined by another oac eval swe mine (pid ${process.pid}): wait for it, or choose another --out`,
    )
    await release()
    // Free again: the run goes on to the repository (missing here), and lets go of --out when it fails.
    await expect(run(join(home, 'not-a-repo'))).rejects.toThrow(/not a git repository/)
    expect(existsSync(lock)).toBe(false)

    const gone = spawnSync('true').pid
    writeFileSync(lock, String(gone))
    await expect(run(join(home, 'not-a-repo'))).rejects.toThrow(/not a git repository/)
    expect(existsSync(lock)).toBe(false)
  })
})
