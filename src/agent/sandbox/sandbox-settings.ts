import {z} from 'zod'

// `sandbox` in settings.json and `--sandbox`: how far the agent's shell commands may reach (after Codex's modes).
// read-only: nothing writable but private temp folders; workspace-write: the project and private temp folders;
// full-access: no sandbox at all, only ever by an explicit choice. In both sandboxed modes the home folder is a
// scratch folder, host sockets are out of reach and `.git` keeps its config, hooks and layout.

export const SANDBOX_MODES = ['read-only', 'workspace-write', 'full-access'] as const
export type SandboxMode = (typeof SANDBOX_MODES)[number]

export const sandboxSchema = z.strictObject({
  mode: z.enum(SANDBOX_MODES).optional(),
  /** Let sandboxed commands use the network (off by default: a command cannot send the project anywhere). */
  network: z.boolean().default(false),
  /** More directories commands may write in workspace-write mode (caches, a sibling checkout). */
  writableRoots: z.array(z.string()).default([]),
  /** More directories of the home folder commands may read (`~/.rustup`, `~/.m2`): the rest of it is a scratch folder. */
  readableRoots: z.array(z.string()).default([]),
})

export type SandboxSettings = z.output<typeof sandboxSchema>

/** What a sandboxed command may touch. */
export interface SandboxPolicy {
  mode: Exclude<SandboxMode, 'full-access'>
  root: string
  network: boolean
  /** Host folders every command sees empty and its own (tmpfs): temp folders, /run, the runtime dir. */
  private: string[]
  /** The user's home; commands see `scratch` there (workspace-write), or an empty folder (read-only). */
  home: string
  scratch?: string
  /** Read-only inside the scratch home or a private folder: toolchains on PATH, the user's readableRoots. */
  readable: string[]
  /** Writable besides the root in workspace-write mode: the user's writableRoots. */
  writable: string[]
  /** Inside the root but never writable: oac's project config. */
  protected: string[]
  /** Never seen, wherever they are: credential files and folders, oac's own data and config. */
  hidden: string[]
}

/** Paths in a project that a command may never change: oac's config (`.git` has a view of its own, git-view.ts). */
export const PROTECTED_PATHS = ['.oac']

/**
 * Credential places under a home folder. The home is a scratch folder, so these matter only where a toolchain or
 * readableRoots brings part of the real home back, or the project is the home.
 */
export const HIDDEN_HOME_PATHS = [
  '.ssh',
  '.aws',
  '.gnupg',
  '.netrc',
  '.npmrc',
  '.pypirc',
  '.git-credentials',
  '.docker',
  '.kube',
  '.azure',
  '.config/gh',
  '.config/gcloud',
  '.config/hub',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.local/share/keyrings',
  '.terraform.d/credentials.tfrc.json',
]

/** Variables that name a credential file or folder, wherever it is. */
export const CREDENTIAL_VARIABLES = [
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'KUBECONFIG',
  'DOCKER_CONFIG',
  'GNUPGHOME',
  'CLOUDSDK_CONFIG',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'GH_CONFIG_DIR',
  'AZURE_CONFIG_DIR',
  'NETRC',
  'NPM_CONFIG_USERCONFIG',
]
