import {readdirSync} from 'node:fs'
import {join, sep} from 'node:path'
import {format} from 'node:util'
import {Config, type Errors} from '@oclif/core'

// `oac ARGS` inside the test process: the command class from src/, oclif's parsing and OacCommand's error path, with
// stdout and stderr captured and the exit code the launcher would end with (bin/run.js: an error's `oclif.exit`, else
// process.exitCode, else 0). About 1,000 times cheaper than a spawned CLI (~1.5 s), so a table of hundreds of inputs
// stays a few seconds; spawn (run-cli.ts) where the process itself matters: signals, stdin, exit without a flush.

const root = new URL('../..', import.meta.url).pathname
let config: Promise<Config> | undefined

/** What one in-process run printed and how it ended. */
export interface InProcessResult {
  exitCode: number
  stdout: string
  stderr: string
}

type CommandClass = {
  aliases?: string[]
  hiddenAliases?: string[]
  enableJsonFlag?: boolean
  flags?: Record<string, unknown>
  run(argv: string[], config: Config): Promise<unknown>
}

/** Every command class from src/commands by its id (`eval swe`) and aliases: the sources, never a stale dist/. */
let commands: Promise<Map<string, CommandClass>> | undefined
async function loadCommands(): Promise<Map<string, CommandClass>> {
  const dir = join(root, 'src/commands')
  const files = readdirSync(dir, {recursive: true, encoding: 'utf8'}).filter((f) => f.endsWith('.ts'))
  const byId = new Map<string, CommandClass>()
  for (const file of files) {
    const command = (await import(join(dir, file))).default as CommandClass
    const id = file.replace(/\.ts$/, '').split(sep).join(' ')
    for (const name of [id, ...(command.aliases ?? []), ...(command.hiddenAliases ?? [])]) byId.set(name, command)
  }
  return byId
}

/** Every command class by its id and by each alias (an alias maps to the same class as its id). */
export function commandsById(): Promise<ReadonlyMap<string, CommandClass>> {
  if (!commands) commands = loadCommands()
  return commands
}

/** The ids of the commands that take --json (oclif's, or their own flag). */
export async function jsonCommands(): Promise<Set<string>> {
  const byId = await commandsById()
  return new Set([...byId].filter(([, c]) => c.enableJsonFlag || 'json' in (c.flags ?? {})).map(([id]) => id))
}

/**
 * Runs `oac argv` (the command id is the leading words of argv that name one) in this process. The caller sets
 * env and cwd; signal listeners a command adds are removed after it, so hundreds of runs do not pile them up.
 */
export async function runInProcess(argv: string[]): Promise<InProcessResult> {
  if (!config) config = Config.load(root)
  const c = await config
  const byId = await commandsById()
  let split = argv.length
  while (split > 0 && !byId.has(argv.slice(0, split).join(' '))) split--
  const command = byId.get(argv.slice(0, split).join(' '))
  if (!command) throw new Error(`no command in ${argv.join(' ')}`)
  const out: string[] = []
  const err: string[] = []
  // oclif prints through console.log / console.error (which vitest intercepts), modules through the streams.
  const writes = [process.stdout.write, process.stderr.write] as const
  const consoles = [console.log, console.info, console.error, console.warn] as const
  const listeners = {SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM')}
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write
  console.log = console.info = (...args: unknown[]) => out.push(`${format(...args)}\n`)
  console.error = console.warn = (...args: unknown[]) => err.push(`${format(...args)}\n`)
  process.exitCode = undefined
  let exitCode: number
  try {
    await command.run(argv.slice(split), c)
    exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    const e = error as Errors.CLIError & {oclif?: {exit?: number}}
    exitCode = e.oclif?.exit ?? 1
    // What oclif's handler prints for an error the command did not print itself.
    err.push(`Error: ${e.message}\n`)
  } finally {
    ;[process.stdout.write, process.stderr.write] = writes
    ;[console.log, console.info, console.error, console.warn] = consoles
    process.exitCode = undefined
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      for (const l of process.listeners(signal)) if (!listeners[signal].includes(l)) process.off(signal, l)
  }
  return {exitCode, stdout: out.join(''), stderr: err.join('')}
}
