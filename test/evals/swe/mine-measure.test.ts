import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {measure} from '../../../src/evals/swe/mine/measure.js'

// A commit whose tests hang before the fix is dropped after one run: the second validation run of that state would
// only hang again (morgan's and send's histories each hold such a commit: 300 s per run at the default timeout).

describe('mine: the validation runs of one state', () => {
  it('stops after a run that timed out, and drops the commit as an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-mine-measure-'))
    const r = await measure(dir, 'echo run >> runs.log; sleep 30', '', {timeoutMs: 500})
    expect(r).toEqual({ok: false, reason: 'error', detail: 'before the fix: tests timed out'})
    expect(readFileSync(join(dir, 'runs.log'), 'utf8')).toBe('run\n')
  }, 20_000)
})
