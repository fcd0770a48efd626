import {delimiter} from 'node:path'
import {execa} from 'execa'

// The one place where provisioning runs other programs. Everything goes through here so that a test can point the
// runner at a folder of fake vendor tools (nvidia-smi, systemctl, vllm) by putting it first on PATH.

export interface RunResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  /** Extra environment variables for this one command. */
  env?: Record<string, string>
  /** Feed this to stdin. */
  input?: string
  timeoutMs?: number
}

export interface Runner {
  /** Folders put first on PATH for every command (engine venvs, fake tools in tests). */
  readonly pathPrepend: string[]
  /** The environment each command gets. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv
  /** Runs argv; never throws on a non-zero exit (a missing executable is exit 127). */
  run(argv: string[], options?: RunOptions): Promise<RunResult>
  /** Runs argv and throws with its output when it fails. */
  check(argv: string[], options?: RunOptions): Promise<RunResult>
  /** True when argv runs and exits 0. */
  answers(argv: string[], options?: RunOptions): Promise<boolean>
}

/** A shell command line as argv. */
export function sh(line: string): string[] {
  return ['/bin/sh', '-c', line]
}

/** Quotes one word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  if (word === '') return "''"
  if (/^[\w@%+=:,./-]+$/.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/** argv as one would type it: a `sh -c LINE` shows as LINE. */
export function displayCommand(argv: string[]): string {
  if (argv.length === 3 && argv[0] === '/bin/sh' && argv[1] === '-c') return argv[2] ?? ''
  return argv.map(shellQuote).join(' ')
}

export function createRunner(options: {pathPrepend?: string[]; env?: NodeJS.ProcessEnv; cwd?: string} = {}): Runner {
  const base = options.env ?? process.env
  const pathPrepend = options.pathPrepend ?? []
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...base,
    ...extra,
    PATH: [...pathPrepend, extra.PATH ?? base.PATH ?? ''].filter(Boolean).join(delimiter),
  })
  const run = async (argv: string[], o: RunOptions = {}): Promise<RunResult> => {
    const [file, ...args] = argv
    if (!file) throw new Error('empty command')
    const r = await execa(file, args, {
      env: env(o.env),
      extendEnv: false,
      reject: false,
      input: o.input,
      stdin: o.input === undefined ? 'ignore' : 'pipe',
      timeout: o.timeoutMs,
      cwd: options.cwd,
      all: false,
    })
    const exitCode = r.exitCode ?? (r.failed ? 127 : 0)
    return {exitCode, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? r.message ?? '')}
  }
  return {
    pathPrepend,
    env,
    run,
    async check(argv, o) {
      const r = await run(argv, o)
      if (r.exitCode !== 0) {
        const tail = `${r.stderr || r.stdout}`.trim().split('\n').slice(-15).join('\n')
        throw new Error(`\`${displayCommand(argv)}\` failed (exit ${r.exitCode})${tail ? `:\n${tail}` : ''}`)
      }
      return r
    },
    async answers(argv, o) {
      return (await run(argv, {timeoutMs: 30_000, ...o})).exitCode === 0
    },
  }
}
