import {existsSync} from 'node:fs'
import {join} from 'node:path'

// The real agent clients the tests drive (Claude Code, Codex, OpenCode, Qwen Code) live in .ci/clients, installed by
// .ci/run and never oac's dependencies; a missing one fails the test that needs it, it is not skipped.
const root = new URL('../..', import.meta.url).pathname

/** The path of a client's executable in .ci/clients, or an error saying how to install it. */
export function ciClient(bin: string): string {
  const path = join(root, '.ci/clients/node_modules/.bin', bin)
  if (!existsSync(path))
    throw new Error(
      `${bin} is not installed in .ci/clients: run \`npm install --prefix .ci/clients --no-save\` (what .ci/run does)`,
    )
  return path
}
