import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import type {Language, Parser} from 'web-tree-sitter'

// web-tree-sitter and its WASM grammars, loaded on first use (the runtime is ~100 ms to start) and kept for the
// process. A grammar that fails to load is remembered as failed, so each file falls back to line windows at once.

const require = createRequire(import.meta.url)
let runtime: Promise<typeof import('web-tree-sitter')> | undefined
const languages = new Map<string, Promise<Language | undefined>>()
const parsers = new Map<string, Parser>()

function grammarFile(grammar: string): string {
  return join(dirname(require.resolve('tree-sitter-wasms/package.json')), 'out', `tree-sitter-${grammar}.wasm`)
}

async function loadRuntime() {
  const ts = await import('web-tree-sitter')
  await ts.Parser.init()
  return ts
}

/** A parser for the grammar, or undefined when the grammar cannot be loaded. */
export async function parserFor(grammar: string): Promise<Parser | undefined> {
  const cached = parsers.get(grammar)
  if (cached) return cached
  runtime ??= loadRuntime()
  const ts = await runtime
  if (!languages.has(grammar))
    languages.set(
      grammar,
      ts.Language.load(grammarFile(grammar)).catch(() => undefined),
    )
  const language = await languages.get(grammar)
  if (!language) return undefined
  const parser = new ts.Parser()
  parser.setLanguage(language)
  parsers.set(grammar, parser)
  return parser
}
