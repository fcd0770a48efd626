// One row of the bad-input corpus: a command line a new user might type with something wrong in it, and what oac
// must answer. The runner (test/cli/bad-input.test.ts) runs each row in a fresh sandbox (HOME, OAC_HOME,
// OAC_CONFIG_DIR and the current folder all under one temp dir), in text mode and, where the command has --json,
// again with --json, and checks the exit code, the message, the JSON error shape, and that nothing was stored or lost.

/** What is wrong with the input, as the issue groups them. */
export type BadKind = 'missing' | 'empty' | 'malformed' | 'wrong type' | 'unreachable' | 'in use' | 'interrupted'

/** The sandbox a row runs in, and things it may point at. */
export interface Sandbox {
  /** The current folder of the run (a git repository only if the row's setup makes it one). */
  cwd: string
  home: string
  oacHome: string
  configDir: string
  /** Writes a file under cwd (folders created) and returns its absolute path. */
  file(name: string, text: string | Buffer): string
  /** A URL nothing listens on (connection refused at once). */
  closedUrl: string
  /** A live `oac sim` serving the model `m`. */
  simUrl: string
  /** A port a server of the test holds. */
  busyPort: number
  /** Seeds the results store: one run per status asked for; returns their ids in that order. */
  seedRuns(statuses: ('complete' | 'partial' | 'failed' | 'killed')[], kind?: 'bench' | 'eval-tool-calling'): number[]
}

export interface BadInput {
  /** What is wrong, in a few words (the test's name). */
  name: string
  kind: BadKind
  argv: string[] | ((s: Sandbox) => string[])
  exit: number
  /** Must appear in the message (stderr in text mode, error.message with --json). */
  message: RegExp
  /** Prepares the sandbox; runs before the store and files are snapshotted. */
  setup?: (s: Sandbox) => void | Promise<void>
}
