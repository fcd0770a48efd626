import {mkdtempSync, readFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

// The README's way of running oac is `./oac`: node straight on bin/run.js, with no npm process in between (npx adds
// about a second a call; bench/cli-startup.ts measures both). It must work from any directory.

const root = new URL('../..', import.meta.url).pathname
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string

describe('./oac', {timeout: 60_000}, () => {
  it('is an executable launcher that starts node on bin/run.js, from any directory, without npm', async () => {
    expect(statSync(join(root, 'oac')).mode & 0o111).not.toBe(0)
    const launcher = readFileSync(join(root, 'oac'), 'utf8')
    expect(launcher).toMatch(/^#!\/bin\/sh/)
    expect(launcher).toMatch(/exec node .*bin\/run\.js/)
    expect(launcher).not.toMatch(/^[^#]*\bnpx?\b/m)
    const r = await execa(join(root, 'oac'), ['--version'], {cwd: mkdtempSync(join(tmpdir(), 'oac-launcher-'))})
    expect(r.stdout).toContain(`oac/${version}`)
  })

  it('is what the README tells a new user to run', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Commands'))
    expect(quickStart).toMatch(/npm ci && \.\/oac quickstart/)
    expect(readme).not.toMatch(/^npx oac /m)
  })
})
