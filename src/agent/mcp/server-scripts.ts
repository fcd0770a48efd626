import {createHash} from 'node:crypto'
import {readFileSync, realpathSync, statSync} from 'node:fs'
import {isAbsolute, relative, resolve} from 'node:path'
import type {McpServerConfig} from './mcp-server-schema.js'

// The files of the project a stdio MCP server runs: its command, arguments and environment words that name a file
// inside the project (`node server.js`, `./run.sh`, `uv run tools/mcp.py`, `node --import=./hook.mjs server.js`,
// `NODE_OPTIONS=--require ./hook.js`). An approval pins their content, because a sandboxed command may rewrite them,
// and the server itself runs outside the sandbox at the next start.

export interface ScriptPin {
  /** Relative to the project root. */
  path: string
  sha256: string
}

const MAX_BYTES = 16 * 1024 * 1024

export function serverScripts(config: McpServerConfig, root: string): ScriptPin[] {
  if ('url' in config) return []
  const pins: ScriptPin[] = []
  const envWords = Object.values(config.env).flatMap((v) => v.split(/\s+/))
  for (const word of [config.command, ...config.args, ...envWords].map(fileWord)) {
    if (!word) continue
    let path: string
    try {
      path = realpathSync(resolve(root, word))
      const inside = relative(realpathSync(root), path)
      if (!inside || inside.startsWith('..') || isAbsolute(inside) || pins.some((p) => p.path === inside)) continue
      const stat = statSync(path)
      if (!stat.isFile() || stat.size > MAX_BYTES) continue
      pins.push({path: inside, sha256: createHash('sha256').update(readFileSync(path)).digest('hex')})
    } catch {
      // not a file of the project
    }
  }
  return pins
}

/** The part of a word that may name a file: all of it, or the value of a `--flag=value`; none for a bare flag. */
function fileWord(word: string): string | undefined {
  if (!word.startsWith('-')) return word || undefined
  const eq = word.indexOf('=')
  return eq > 0 ? word.slice(eq + 1) || undefined : undefined
}
