import {PassThrough} from 'node:stream'
import {painter} from '../src/agent/interactive/paint.js'
import {TerminalUi} from '../src/agent/interactive/terminal-ui.js'
import {TerminalView} from '../src/agent/interactive/terminal-view.js'
import {percentile} from '../src/bench/stats.js'

// Keystroke latency of the interactive prompt while a reply streams: a key byte goes into the terminal's input, the
// time until the redraw that echoes it is written is one sample. The reply streams at 200 tok/s (a delta every 5 ms,
// rendered markdown, status line ticking) through the same TerminalUi and TerminalView the agent uses.
// Run: npx tsx bench/agent-keys.ts

const input = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => input}) as unknown as NodeJS.ReadStream
let waiting: {char: string; at: number; resolve: (ms: number) => void} | undefined
const output = {
  columns: 120,
  isTTY: true,
  write(text: string) {
    if (waiting && text.includes(`… \u001b[22m${typed}`)) {
      const w = waiting
      waiting = undefined
      w.resolve(performance.now() - w.at)
    }
    return true
  },
}
let typed = ''
const paint = painter(true)
const ui = new TerminalUi(input, output, paint, {ctrlC: () => {}, escape: () => {}, commands: () => [], root: '/'})
const view = new TerminalView(ui.view, paint, '/')
ui.busy(true)
ui.event({type: 'request', turn: 1, promptTokens: 9000})
const words = 'The **fix** is in `cart.js`: total was a number. '.split(/(?<= )/)
let i = 0
const stream = setInterval(() => {
  const text = `${words[i % words.length]}${i % 40 === 39 ? '\n\n- a list item with `code`\n' : ''}`
  i++
  const e = {type: 'delta' as const, turn: 1, text, reasoning: false}
  view.event(e)
  ui.event(e)
}, 5)
const samples: number[] = []
const letters = 'abcdefghijklmnopqrstuvwxyz'
await new Promise((resolve) => setTimeout(resolve, 300))
for (let k = 0; k < 300; k++) {
  const char = letters[k % letters.length] as string
  typed += char
  if (typed.length > 60) {
    typed = char
    for (let d = 0; d < 61; d++) input.write('\u007f')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  samples.push(
    await new Promise<number>((resolve) => {
      waiting = {char, at: performance.now(), resolve}
      input.write(char)
    }),
  )
  await new Promise((resolve) => setTimeout(resolve, 15 + Math.random() * 10))
}
clearInterval(stream)
ui.close()
const sorted = [...samples].sort((a, b) => a - b)
console.log(
  `key to echo while streaming (${samples.length} keys, 200 tok/s): p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms, max ${(sorted.at(-1) ?? 0).toFixed(2)} ms (goal: p95 < 16 ms)`,
)
process.exit(0)
