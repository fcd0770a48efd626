import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildIndex} from '../../src/rag/build-index.js'
import {CodeSearch} from '../../src/rag/code-search.js'
import {tempRepo} from '../agent/temp-repo.js'
import {runCli} from '../support/run-cli.js'

// A damaged LanceDB file (issue 25 defect 7, issue 27 row 5): `oac search` says so with the rebuild command and exit
// 2, no Rust panic; `oac index` finds the damage instead of reporting every file unchanged; a rebuild repairs it.

/** Overwrites the middle of the chunks table's full-text posting file, as a disk or another program might. */
function damage(root: string) {
  const indices = join(root, '.oac/index/db/chunks.lance/_indices')
  for (const id of readdirSync(indices))
    for (const f of readdirSync(join(indices, id)).filter((n) => n.endsWith('invert.lance'))) {
      const file = join(indices, id, f)
      const bytes = readFileSync(file)
      for (let i = Math.floor(bytes.length / 4); i < bytes.length / 2; i++) bytes[i] = (bytes[i] ?? 0) * 7 + 13
      writeFileSync(file, bytes)
      return
    }
  throw new Error('no full-text posting file to damage')
}

describe('a damaged index', () => {
  it('search and index report it with the rebuild command (exit 2); a rebuild repairs it', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 40; i++)
      files[`src/mod${i}.ts`] = `export function merge${i}(keys: string[]) {\n  return keys.join('${i}')\n}\n`
    const root = await tempRepo(files)
    await buildIndex({root})
    damage(root)

    const search = await runCli(['search', 'merge keys'], {cwd: root})
    expect(search.exitCode).toBe(2)
    expect(search.stderr).toMatch(
      /index at .* is damaged or unreadable \(chunks\.lance\/_indices\/.*invert\.lance was changed/,
    )
    expect(search.stderr.replace(/\s*›\s*/g, ' ')).toContain(`oac index --rebuild "${root}"`)
    expect(search.stderr).not.toMatch(/panicked|stack backtrace|RUST_BACKTRACE/)

    const index = await runCli(['index'], {cwd: root})
    expect(index.exitCode).toBe(2)
    expect(index.stdout).not.toMatch(/unchanged/)
    expect(index.stderr).toMatch(/damaged or unreadable/)

    expect(await buildIndex({root, rebuild: true})).toMatchObject({files: 40, indexed: 40})
    const s = await CodeSearch.open(root)
    expect((await s.search('merge keys', {mode: 'lexical'})).files.length).toBe(10)
    s.close()
  }, 60_000)
})
