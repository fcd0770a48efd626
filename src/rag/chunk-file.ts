import {extname} from 'node:path'
import {definitionChunks, findDefinitions} from './chunk-code.js'
import {lineWindows, markdownChunks} from './chunk-text.js'
import {languageOf} from './languages.js'
import {parserFor} from './tree-sitter.js'
import type {Chunk} from './types.js'

// One file's chunks: by symbol where a grammar knows the language, by markdown section or line windows otherwise.
// A grammar that cannot load or parse the file gives line windows instead, and the file is counted as a fallback.

export interface FileChunks {
  chunks: Chunk[]
  /** The grammar failed on this file and it was cut into line windows. */
  fallback: boolean
}

function plainChunks(path: string, lines: string[]): Chunk[] {
  const ext = extname(path).toLowerCase()
  return ext === '.md' || ext === '.mdx' ? markdownChunks(path, lines) : lineWindows(path, lines, 0, lines.length - 1)
}

export async function chunkFile(path: string, content: string): Promise<FileChunks> {
  const lines = content.split('\n')
  const spec = languageOf(path)
  if (!spec) return {chunks: plainChunks(path, lines), fallback: false}
  const parser = await parserFor(spec.grammar)
  let tree: ReturnType<NonNullable<typeof parser>['parse']> = null
  try {
    tree = parser?.parse(content) ?? null
  } catch {
    tree = null
  }
  if (!tree) return {chunks: lineWindows(path, lines, 0, lines.length - 1), fallback: true}
  try {
    const defs = findDefinitions(tree.rootNode, spec)
    if (tree.rootNode.hasError && defs.length === 0)
      return {chunks: lineWindows(path, lines, 0, lines.length - 1), fallback: true}
    const {chunks, gaps} = definitionChunks(path, lines, defs)
    const rest = gaps.flatMap((rows) => lineWindows(path, lines, rows[0] ?? 0, rows.at(-1) ?? 0, '', 'module'))
    return {chunks: [...chunks, ...rest].sort((a, b) => a.startLine - b.startLine), fallback: false}
  } finally {
    tree.delete()
  }
}
