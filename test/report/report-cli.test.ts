import {existsSync, mkdtempSync, readFileSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {Store} from '../../src/store/store.js'
import {overwriteLastPages} from '../support/corrupt-store.js'
import {runCli} from '../support/run-cli.js'
import {seedStore} from './fixture.js'

const home = mkdtempSync(join(tmpdir(), 'oac-report-cli-'))
const env = {OAC_HOME: home}
let ids: {bench: number; tools: number[]}

beforeAll(() => {
  ids = seedStore(home)
  // The CLI runs with the temp dir as its cwd (the default output goes under it); `node --import tsx` resolves tsx
  // from the cwd, so give it the repository's packages.
  symlinkSync(new URL('../../node_modules', import.meta.url).pathname, join(home, 'node_modules'))
})

// Each case starts oac from the sources (about 1.5 s); the --png case also starts Chromium.
describe('oac report', {timeout: 60_000}, () => {
  it('writes the page under reports/ of the current dir and prints {path, runs} with --json', async () => {
    const {exitCode, stdout, stderr} = await runCli(['report', '--json'], {env, cwd: home})
    expect(stderr).toBe('')
    expect(exitCode).toBe(0)
    const result = JSON.parse(stdout) as {path: string; runs: {id: number; kind: string}[]}
    expect(result.path.startsWith(join(home, 'reports', 'report-'))).toBe(true)
    expect(result.runs.map((r) => [r.id, r.kind])).toEqual([
      [ids.bench, 'bench'],
      [ids.tools[0], 'eval-tool-calling'],
      [ids.tools[1], 'eval-tool-calling'],
    ])
    const html = readFileSync(result.path, 'utf8')
    expect(html).toContain('Chart.js v4')
    expect(html).toContain('$0.300/kWh')
  })

  it('takes --run, --out and the prices', async () => {
    const out = join(home, 'custom', 'bench.html')
    const {exitCode, stdout} = await runCli(
      [
        'report',
        '--run',
        String(ids.bench),
        '--out',
        out,
        '--electricity-price',
        '0.5',
        '--cloud-price',
        '10',
        '--json',
      ],
      {env, cwd: home},
    )
    expect(exitCode).toBe(0)
    const result = JSON.parse(stdout) as {path: string; runs: {id: number}[]}
    expect(result).toMatchObject({path: out, runs: [{id: ids.bench}]})
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('$0.500/kWh')
    expect(html).toContain('$10.00 per million output tokens')
  })

  it('writes one PNG per chart with --png', async () => {
    const out = join(home, 'png', 'r.html')
    const {exitCode, stdout} = await runCli(['report', '--last', '1', '--out', out, '--png', '--json'], {
      env,
      cwd: home,
    })
    expect(exitCode).toBe(0)
    const {pngs} = JSON.parse(stdout) as {pngs: string[]}
    expect(pngs.map((p) => p.slice(join(home, 'png').length + 1))).toEqual([
      'r-tools-categories.png',
      'r-tools-history-1.png',
    ])
    for (const p of pngs) expect(readFileSync(p).subarray(1, 4).toString()).toBe('PNG')
  })

  it('fails with exit 2 and one line for an unknown run', async () => {
    const {exitCode, stderr} = await runCli(['report', '--run', '999'], {env, cwd: home})
    expect(exitCode).toBe(2)
    expect(stderr).toMatch(/no run 999 in the results store/)
  })

  it('fails with exit 2 and names the file and the way out when the store is partly overwritten', async () => {
    const damaged = mkdtempSync(join(tmpdir(), 'oac-report-damaged-'))
    const store = Store.open(join(damaged, 'oac.db'))
    const id = store.startRun({kind: 'bench', model: 'm', params: {}})
    for (let i = 0; i < 400; i++) store.addSample(id, {idx: i, ok: true, data: {text: 'x'.repeat(100)}})
    store.finishRun(id, 'complete', {runs: []})
    store.close()
    overwriteLastPages(join(damaged, 'oac.db'), 3)
    const {exitCode, stderr} = await runCli(['report'], {env: {OAC_HOME: damaged}, cwd: home})
    expect(exitCode).toBe(2)
    expect(stderr).not.toMatch(/SQLITE_CORRUPT|SqliteError/)
    expect(stderr).toContain(`${join(damaged, 'oac.db')} is damaged`)
    expect(stderr).toContain('.recover')
  })

  it('fails with exit 2 for a bad price', async () => {
    const {exitCode, stderr} = await runCli(['report', '--cloud-price', 'free'], {env, cwd: home})
    expect(exitCode).toBe(2)
    expect(stderr).toMatch(/--cloud-price must be a non-negative number/)
  })

  it('fails with exit 2 before writing anything when --png finds no Chromium', async () => {
    const out = join(home, 'nochrome', 'r.html')
    const {exitCode, stderr} = await runCli(['report', '--png', '--out', out], {
      env: {...env, OAC_CHROMIUM: join(home, 'no-such-chromium')},
      cwd: home,
    })
    expect(exitCode).toBe(2)
    expect(stderr).toMatch(/--png needs Chromium at .*no-such-chromium, which is missing/)
    expect(existsSync(out)).toBe(false)
  })
})
