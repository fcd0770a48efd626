import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

// The files of a project that may change where its data goes or what runs: oac's project settings, both MCP server
// lists and the custom slash commands. A trust decision is for their content, so any change to one of them (a pull,
// a sandboxed command, a branch switch) asks again.

export const TRUST_FILES = [join('.oac', 'settings.json'), '.mcp.json', join('.oac', 'mcp.json')]
export const COMMANDS_DIR = join('.oac', 'commands')

/** The trust-relevant files that exist, relative to the root, sorted. */
export function trustFiles(root: string): string[] {
  let commands: string[] = []
  try {
    commands = readdirSync(join(root, COMMANDS_DIR))
      .filter((n) => n.endsWith('.md'))
      .map((n) => join(COMMANDS_DIR, n))
      .sort()
  } catch {
    // no commands folder
  }
  return [...TRUST_FILES, ...commands].filter((f) => {
    try {
      readFileSync(join(root, f))
      return true
    } catch {
      return false
    }
  })
}

/** One hash of the paths and contents of the trust-relevant files; the same for a project with none of them. */
export function trustFingerprint(root: string): string {
  const hash = createHash('sha256')
  for (const file of trustFiles(root))
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0')
  return hash.digest('hex')
}
