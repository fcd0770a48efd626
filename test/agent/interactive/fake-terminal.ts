import {PassThrough} from 'node:stream'

// A terminal in-process: keys written to `input`, everything the program writes collected, 80 columns.

export function fakeTerminal() {
  const input = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => undefined})
  const written: string[] = []
  const output = Object.assign(new PassThrough(), {columns: 80, isTTY: true})
  output.on('data', (chunk: Buffer) => written.push(chunk.toString()))
  return {input, output, text: () => written.join('')}
}

/** Sequences that would drive the terminal (clear, OSC title/clipboard/link, conceal, a C1 CSI) found in `text`. */
export function attacks(text: string): string[] {
  return ['\u001b[2J', '\u001b]', '\u001b[8m', '\u009b'].filter((a) => text.includes(a))
}
