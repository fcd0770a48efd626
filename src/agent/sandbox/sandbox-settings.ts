import {z} from 'zod'

// `sandbox` in settings.json and `--sandbox`: how far the agent's shell commands may reach (after Codex's modes).
// read-only: nothing writable but a private /tmp; workspace-write: the project and the temp dirs; full-access: no
// sandbox at all, only ever by an explicit choice.

export const SANDBOX_MODES = ['read-only', 'workspace-write', 'full-access'] as const
export type SandboxMode = (typeof SANDBOX_MODES)[number]

export const sandboxSchema = z.strictObject({
  mode: z.enum(SANDBOX_MODES).optional(),
  /** Let sandboxed commands use the network (off by default: a command cannot send the project anywhere). */
  network: z.boolean().default(false),
  /** More directories commands may write in workspace-write mode (caches, a sibling checkout). */
  writableRoots: z.array(z.string()).default([]),
})

export type SandboxSettings = z.output<typeof sandboxSchema>

/** What a sandboxed command may touch. */
export interface SandboxPolicy {
  mode: Exclude<SandboxMode, 'full-access'>
  root: string
  network: boolean
  /** Writable besides the root in workspace-write mode: temp dirs and writableRoots. */
  writable: string[]
  /** Inside the root but never writable: a command must not plant git hooks or change oac's project config. */
  protected: string[]
  /** Seen empty by commands: the user's credential folders (a command cannot `cat ~/.ssh/id_rsa`). */
  hidden: string[]
}

/** Paths in a project that a command may never change without a person: git hooks and config, oac's config. */
export const PROTECTED_PATHS = ['.git/hooks', '.git/config', '.oac']

/** Folders of the home directory that hold keys and cloud credentials; sandboxed commands see them empty. */
export const HIDDEN_HOME_PATHS = ['.ssh', '.aws', '.gnupg']
