import {readdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {stripControls} from '../../util/terminal-text.js'

// Tab at the prompt: a slash command's name at the start of the line, else the path being typed (relative to the
// project root). One match completes; several complete their common prefix and are listed.

export interface Completion {
  /** The text with the completion applied, and the cursor after it. */
  text: string
  cursor: number
  /** The candidates when there were several (to show). */
  choices: string[]
}

const commonPrefix = (words: string[]) =>
  words.reduce((p, w) => {
    let i = 0
    while (i < p.length && p[i] === w[i]) i++
    return p.slice(0, i)
  }, words[0] ?? '')

function entries(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir), {withFileTypes: true})
      .filter((e) => !e.name.startsWith('.') || e.name === '.oac')
      .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
      .sort()
  } catch {
    return []
  }
}

export function complete(text: string, cursor: number, commands: string[], root: string): Completion | undefined {
  const before = text.slice(0, cursor)
  const after = text.slice(cursor)
  const command = /^\/(\w*)$/.exec(before)
  let word: string
  let candidates: string[]
  if (command) {
    word = before
    candidates = commands.filter((c) => c.startsWith(command[1] ?? '')).map((c) => `/${c}`)
  } else {
    word = /(\S*)$/.exec(before)?.[1] ?? ''
    const dir = word.includes('/') ? dirname(`${word}x`) : '.'
    const prefix = word.includes('/') ? `${dir}/` : ''
    candidates = entries(root, dir)
      .map((e) => `${prefix}${e}`)
      .filter((e) => e.startsWith(word))
  }
  // A name with control characters (a cloned repository's `\e[2J.txt`) is never shown or typed in.
  candidates = candidates.filter((c) => stripControls(c) === c)
  if (!candidates.length) return undefined
  const only = candidates.length === 1
  const first = candidates[0] as string
  const fill = only ? `${first}${first.endsWith('/') ? '' : ' '}` : commonPrefix(candidates)
  const head = before.slice(0, before.length - word.length) + fill
  return {text: head + after, cursor: head.length, choices: only ? [] : candidates}
}
