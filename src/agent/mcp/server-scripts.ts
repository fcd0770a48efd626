import {createHash} from 'node:crypto'
import {readFileSync, realpathSync, statSync} from 'node:fs'
import {isAbsolute, relative, resolve} from 'node:path'
import type {McpServerConfig} from './mcp-server-schema.js'

// The files of the project a stdio MCP server runs: its command and arguments that name a file inside the project
// (`node server.js`, `./run.sh`, `uv run tools/mcp.py`). An approval pins their content, because a sandboxed
// command may rewrite them, and the server itself runs outside the sandbox at the next start.

export interface ScriptPin {
  /** Relative to the project root. */
  path: string
  sha256: string
}

const MAX_BYTES = 16 * 1024 * 1024

export function serverScripts(config: McpServerConfig, root: string): ScriptPin[] {
  if ('url' in config) return []
  const pins: ScriptPin[] = []
  for (const word of [config.command, ...config.args]) {
    if (!word || word.startsWith('-')) continue
    let path: string
    try {
      path = realpathSync(resolve(root, word))
      const inside = relative(realpathSync(root), path)
      if (!inside || inside.startsWith('..') || isAbsolute(inside)) continue
      const stat = statSync(path)
      if (!stat.isFile() || stat.size > MAX_BYTES) continue
      pins.push({path: inside, sha256: createHash('sha256').update(readFileSync(path)).digest('hex')})
    } catch {
      // not a file of the project
    }
  }
  return pins
}
