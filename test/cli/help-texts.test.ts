import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {commandsById} from '../support/run-in-process.js'

// What --help says must be true (issue 27 row 17: `sim --help`'s example named a fixture that does not exist, and
// `eval swe --help` counted 31 tasks in a suite of 30).

const root = new URL('../..', import.meta.url).pathname
type Help = {summary?: string; description?: string; examples?: (string | {command: string})[]}

const helpText = (c: Help) =>
  [c.summary, c.description, ...(c.examples ?? []).map((e) => (typeof e === 'string' ? e : e.command))].join('\n')

it('every file a help text names exists in the repository', async () => {
  const missing: string[] = []
  for (const [id, command] of await commandsById())
    for (const [path] of helpText(command as Help).matchAll(/\b(?:fixtures|evals)\/[\w./-]*\w/g))
      if (!existsSync(join(root, path))) missing.push(`${id}: ${path}`)
  expect(missing).toEqual([])
})

it('the shipped SWE suite has as many tasks as eval swe --help says', async () => {
  const text = helpText((await commandsById()).get('eval swe') as Help)
  const said = Number(/evals\/swe\/dataset\.jsonl, (\d+) tasks/.exec(text)?.[1])
  const rows = readFileSync(join(root, 'evals/swe/dataset.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
  expect(said).toBe(rows.length)
})
