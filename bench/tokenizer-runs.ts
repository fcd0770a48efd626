// The tokenizer on what a client may send: one BPE pass over the whole text (gpt-tokenizer as is) against oac's
// sliced count (src/llm/tokenizer.ts), side by side in one process. A long run with nothing to split it (one letter,
// spaces, CJK) is superlinear in one pass; the one-pass column stops at RUN_LIMIT characters, since 160k 'a' already
// takes minutes. Ordinary text must count the same both ways.
//   npx tsx bench/tokenizer-runs.ts
import {readFileSync} from 'node:fs'
import {countTokens as onePass} from 'gpt-tokenizer/encoding/cl100k_base'
import {countTokens} from '../src/llm/tokenizer.js'

const RUN_LIMIT = 40_000
const AS_TEXT = {disallowedSpecial: new Set<string>()}
const code = readFileSync(new URL('../src/agent/loop.ts', import.meta.url), 'utf8')
const time = (f: () => number) => {
  const t = performance.now()
  const n = f()
  return {n, ms: performance.now() - t}
}
const inputs: [string, (n: number) => string][] = [
  ['one letter', (n) => 'a'.repeat(n)],
  ['spaces', (n) => ' '.repeat(n)],
  ['CJK', (n) => '漢'.repeat(n)],
  ['source code', (n) => code.repeat(Math.ceil(n / code.length)).slice(0, n)],
]
console.log('input        chars      one pass (ms, tokens)     sliced (ms, tokens)')
for (const [name, make] of inputs)
  for (const n of [10_000, RUN_LIMIT, 5 * 1024 * 1024]) {
    const text = make(n)
    const sliced = time(() => countTokens(text))
    const pass = n <= RUN_LIMIT || name === 'source code' ? time(() => onePass(text, AS_TEXT)) : undefined
    const one = pass ? `${pass.ms.toFixed(0).padStart(8)} ${String(pass.n).padStart(9)}` : '   (skipped: minutes)'
    console.log(
      `${name.padEnd(12)} ${String(n).padStart(8)}  ${one}    ${sliced.ms.toFixed(0).padStart(8)} ${String(sliced.n).padStart(9)}`,
    )
  }
