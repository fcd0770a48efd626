import {existsSync} from 'node:fs'
import {delimiter, join} from 'node:path'
import type {TestContext} from 'vitest'

// The real agent clients the tests drive (Claude Code, Codex, OpenCode, Qwen Code) live in .ci/clients, installed by
// .ci/run and never oac's dependencies. On a fresh clone (`npm ci && npm test`, the README's command) a test that
// needs a missing client is skipped with a note naming the install command; .ci/run sets OAC_REQUIRE_CI_CLIENTS=1,
// which turns that skip into a failure, so CI never skips them.
const root = new URL('../..', import.meta.url).pathname

/** The command that installs the clients (what .ci/run does). */
export const INSTALL_CLIENTS = 'npm install --prefix .ci/clients --no-save'

/** Where a client's executable is once installed. */
export function ciClientPath(bin: string): string {
  return join(root, '.ci/clients/node_modules/.bin', bin)
}

/** Where an executable is on PATH, if it is. */
export function onPathAt(bin: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return (env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, bin))
    .find((path) => existsSync(path))
}

/**
 * A system tool a test compares against (ripgrep): its path, or a skip naming how to install it, a failure where
 * OAC_REQUIRE_CI_CLIENTS=1 (.ci/run installs it).
 */
export function ciTool(ctx: Pick<TestContext, 'skip'>, bin: string, install: string): string {
  const path = onPathAt(bin)
  if (path) return path
  const note = `${bin} is not on PATH: run \`${install}\` (what .ci/run does)`
  if (clientsRequired()) throw new Error(`${note}; OAC_REQUIRE_CI_CLIENTS=1 forbids skipping it`)
  return ctx.skip(note)
}

/** Whether a missing client fails the test (CI) instead of skipping it (a fresh clone). */
export function clientsRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.OAC_REQUIRE_CI_CLIENTS === '1'
}

/**
 * The path of a client's executable in .ci/clients. A missing one skips the running test with a note naming the
 * install command, or fails it where OAC_REQUIRE_CI_CLIENTS=1.
 */
export function ciClient(ctx: Pick<TestContext, 'skip'>, bin: string): string {
  const path = ciClientPath(bin)
  if (existsSync(path)) return path
  const note = `${bin} is not installed in .ci/clients: run \`${INSTALL_CLIENTS}\` (what .ci/run does)`
  if (clientsRequired()) throw new Error(`${note}; OAC_REQUIRE_CI_CLIENTS=1 forbids skipping it`)
  return ctx.skip(note)
}
