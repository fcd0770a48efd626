import {execFileSync} from 'node:child_process'
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {BenchPrompt} from '../src/bench/types.js'

// How long `oac bench --dataset random` takes to build its prompts: 400 prompts of 1,024 tokens (issue 27 row 6:
// 100 of them took 12.6 s against 1.2 s of benchmark). With `--before REV` the random.ts of that git revision is
// written next to today's (so its imports resolve), and both are timed in turns in the same process, so load on a
// shared box hits them alike; compare the ratio. The quadratic builder was replaced in 7b8c3d1, so
// `--before 7b8c3d1~1` shows the change.
//
//   npx tsx bench/random-prompts.ts [--count 400] [--input-len 1024] [--rounds 3] [--before 7b8c3d1~1]

const args = process.argv.slice(2)
const flag = (name: string) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const count = Number(flag('--count') ?? 400)
const inputLen = Number(flag('--input-len') ?? 1024)
const rounds = Number(flag('--rounds') ?? 3)
const before = flag('--before')

type Build = (count: number, inputLen: number, outputLen: number, seed: number) => BenchPrompt[]
const root = new URL('..', import.meta.url).pathname
const builders: [string, Build][] = [['now', (await import('../src/bench/datasets/random.js')).randomPrompts as Build]]
const oldFile = join(root, 'src/bench/datasets', `random-before-${process.pid}.ts`)
if (before) {
  writeFileSync(oldFile, execFileSync('git', ['show', `${before}:src/bench/datasets/random.ts`], {cwd: root}))
  process.on('exit', () => rmSync(oldFile, {force: true}))
  builders.unshift([before, (await import(oldFile)).randomPrompts as Build])
}

const seconds: Record<string, number[]> = Object.fromEntries(builders.map(([name]) => [name, []]))
for (let round = 0; round < rounds; round++)
  for (const [name, build] of builders) {
    const start = performance.now()
    const prompts = build(count, inputLen, 128, round)
    seconds[name]?.push((performance.now() - start) / 1000)
    const wrong = prompts.filter((p) => p.promptTokens !== inputLen).length
    if (wrong) throw new Error(`${name}: ${wrong} of ${count} prompts are not ${inputLen} tokens`)
  }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
console.log(`${count} random prompts of ${inputLen} tokens, ${rounds} rounds (median, min, max seconds):`)
for (const [name] of builders) {
  const xs = seconds[name] ?? []
  console.log(
    `  ${name.padEnd(12)} ${median(xs).toFixed(3)}  ${Math.min(...xs).toFixed(3)}  ${Math.max(...xs).toFixed(3)}`,
  )
}
if (before) {
  const ratio = median(seconds[before] ?? []) / median(seconds.now ?? [])
  console.log(`  ${before} takes ${ratio.toFixed(0)}× as long as now`)
}
