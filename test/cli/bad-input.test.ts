import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:net'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {Store} from '../../src/store/store.js'
import {commandsById, jsonCommands, runInProcess} from '../support/run-in-process.js'
import {ALL_ROWS} from './bad-input/index.js'
import type {BadInput, Sandbox} from './bad-input/types.js'

// The bad-input corpus (issue 27): every command × what a user gets wrong (missing, empty, malformed, wrong type,
// unreachable, in use, interrupted), each row run in process (test/support/run-in-process.ts) in a fresh sandbox,
// as text and, where the command has --json, as JSON. Every row must give its exit code and a message naming the
// problem, never a raw exception, and leave the store and every file as they were. A new command adds rows to
// test/cli/bad-input/, not code here.

const RAW = /TypeError|ReferenceError|SqliteError|\b(ENOENT|EACCES|EEXIST|ENOTDIR|EISDIR|EADDRINUSE)\b|\n\s+at \S+ \(/

// Commands whose --json answer to an error is their verdict ({status: 'error', reason}), not {error: {...}}.
const VERDICT_JSON = new Set(['gate'])
const jsonCapable = await jsonCommands()

let sim: RunningSim
let busy: Server
let busyPort: number
const sandboxes: string[] = []
const deadPid = spawnSync('true').pid ?? 999_999

beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 0, itlMs: 0, models: ['m']})
  busy = createServer()
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
  busyPort = (busy.address() as {port: number}).port
})
afterAll(async () => {
  await sim.close()
  busy.close()
  for (const dir of sandboxes) rmSync(dir, {recursive: true, force: true})
})

function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'oac-bad-input-'))
  sandboxes.push(root)
  const s: Sandbox = {
    cwd: join(root, 'work'),
    home: join(root, 'home'),
    oacHome: join(root, 'home/.oac'),
    configDir: join(root, 'home/.config/oac'),
    file(name, text) {
      const path = join(s.cwd, name)
      mkdirSync(dirname(path), {recursive: true})
      writeFileSync(path, text)
      return path
    },
    closedUrl: 'http://127.0.0.1:9/v1',
    simUrl: sim.baseUrl,
    busyPort,
    seedRuns(statuses, kind = 'bench') {
      const store = Store.open(join(s.oacHome, 'oac.db'))
      const ids = statuses.map((status) => {
        const id = store.startRun({kind, model: 'm', params: {}, endpointUrl: sim.baseUrl})
        if (status !== 'killed') store.finishRun(id, status, {runs: []})
        return id
      })
      store.close()
      // A run its process never finished: `running`, with the pid of a process that has exited.
      const db = new Database(join(s.oacHome, 'oac.db'))
      for (const [i, status] of statuses.entries())
        if (status === 'killed') db.prepare('UPDATE runs SET pid = ? WHERE id = ?').run(deadPid, ids[i])
      db.close()
      return ids
    },
  }
  for (const dir of [s.cwd, s.home]) mkdirSync(dir, {recursive: true})
  return s
}

/** Every file under the sandbox with its hash (the store by its rows), to prove nothing was written or lost. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/oac\.db(-wal|-shm)?$/.test(entry.name)) continue
      else out[path] = createHash('sha1').update(readFileSync(path)).digest('hex')
    }
  }
  walk(root)
  const db = join(root, 'home/.oac/oac.db')
  if (existsSync(db) && statSync(db).size > 0) {
    const d = new Database(db, {readonly: true})
    try {
      const rows = (sql: string) => JSON.stringify(d.prepare(sql).all())
      // A run left `running` by a dead process may be marked incomplete by whoever opens the store: that is the
      // store answering for the dead process, not the command storing anything.
      out['store:runs'] = rows(
        "SELECT id, kind, CASE status WHEN 'running' THEN 'incomplete' ELSE status END AS status, summary FROM runs",
      )
      out['store:samples'] = rows('SELECT count(*) AS n FROM samples')
      out['store:endpoints'] = rows('SELECT * FROM endpoints')
      out['store:decisions'] = rows('SELECT count(*) AS n FROM route_decisions')
      out['store:sessions'] = rows('SELECT count(*) AS n FROM agent_sessions')
      // An empty store (a command opened it to look) holds nothing: the same as no store.
      const empty = ['[]', '[{"n":0}]']
      if (Object.entries(out).every(([k, v]) => !k.startsWith('store:') || empty.includes(v)))
        for (const k of Object.keys(out)) if (k.startsWith('store:')) delete out[k]
    } catch {
      out['store:unreadable'] = 'yes'
    } finally {
      d.close()
    }
  }
  return out
}

async function runRow(row: BadInput, json: boolean) {
  const s = sandbox()
  await row.setup?.(s)
  const argv = typeof row.argv === 'function' ? row.argv(s) : row.argv
  const root = dirname(s.cwd)
  const before = snapshot(root)
  vi.stubEnv('HOME', s.home)
  vi.stubEnv('OAC_HOME', s.oacHome)
  vi.stubEnv('OAC_CONFIG_DIR', s.configDir)
  vi.stubEnv('XDG_CONFIG_HOME', join(s.home, '.config'))
  vi.stubEnv('XDG_DATA_HOME', join(s.home, '.local/share'))
  vi.stubEnv('XDG_CACHE_HOME', join(s.home, '.cache'))
  vi.stubEnv('NO_COLOR', '1')
  // As installed: oclif's development warnings (vitest sets NODE_ENV=test) are not what a user sees.
  vi.stubEnv('NODE_ENV', 'production')
  const cwd = process.cwd()
  process.chdir(s.cwd)
  try {
    const r = await runInProcess(json ? [...argv, '--json'] : argv)
    return {r, before, after: snapshot(root)}
  } finally {
    process.chdir(cwd)
    vi.unstubAllEnvs()
  }
}

it('every command has rows in the corpus (a new command adds its table)', async () => {
  const byId = await commandsById()
  const covered = new Set(Object.keys(ALL_ROWS).map((id) => byId.get(id)))
  const missing = [...byId].filter(([, command]) => !covered.has(command)).map(([id]) => id)
  expect(missing).toEqual([])
})

describe('bad input: a clear message, the right exit code, nothing stored or lost', {timeout: 20_000}, () => {
  for (const [command, rows] of Object.entries(ALL_ROWS))
    describe(command, () => {
      for (const row of rows) {
        it(`${row.kind}: ${row.name}`, async () => {
          const {r, before, after} = await runRow(row, false)
          const said = `${r.stderr}\n${r.stdout}`
          expect(r.exitCode, said).toBe(row.exit)
          expect(r.stderr, said).toMatch(row.message)
          expect(said).not.toMatch(RAW)
          expect(after).toEqual(before)
        })
        if (jsonCapable.has(command))
          it(`${row.kind}: ${row.name} (--json)`, async () => {
            const {r, before, after} = await runRow(row, true)
            expect(r.exitCode, r.stderr).toBe(row.exit)
            let parsed: {error?: {name?: unknown; message?: unknown; exit?: unknown}; status?: string; reason?: string}
            try {
              parsed = JSON.parse(r.stdout)
            } catch {
              parsed = {}
            }
            if (VERDICT_JSON.has(command) && parsed.status === 'error')
              parsed = {error: {name: 'verdict', message: parsed.reason, exit: r.exitCode}}
            expect(parsed?.error, `stdout is not a JSON error: ${r.stdout}${r.stderr}`).toBeDefined()
            expect(Object.keys(parsed?.error ?? {}).sort()).toEqual(['exit', 'message', 'name'])
            expect(parsed?.error?.exit).toBe(row.exit)
            expect(String(parsed?.error?.message)).toMatch(row.message)
            expect(String(parsed?.error?.message)).not.toMatch(RAW)
            expect(after).toEqual(before)
          })
      }
    })
})
