// What `oac route apply` writes: each client's own config file, pointed at the router, with the models that
// `oac route pick` chose for each class of work.

/** A model as clients need to know it: the name the router serves it under, and its limits when known. */
export interface RoutedModel {
  name: string
  /** Tokens of context it is served with (prompt + reply), from the evidence of this model (model-context.ts). */
  contextLength?: number
  /** Where `contextLength` comes from. */
  contextFrom?: string
  /** The reply budget clients are given (limits.ts). */
  maxOutputTokens?: number
}

/** The models per task class. `agent` is required; the others fall back to it where a client needs one. */
export interface RoutedModels {
  agent: RoutedModel
  fast?: RoutedModel
  longContext?: RoutedModel
  embeddings?: RoutedModel
}

export interface ApplyContext {
  /** The router's root URL without `/v1` (http://127.0.0.1:4000). */
  routerUrl: string
  /** The key clients send; a placeholder where the router binds loopback and needs none. */
  apiKey?: string
  models: RoutedModels
  /** The user's home (clients keep their config under it) and the project folder (project-scoped configs). */
  home: string
  cwd: string
  /** $XDG_CONFIG_HOME or ~/.config, where OpenCode and oac keep theirs. */
  configHome: string
}

export type ConfigFormat = 'json' | 'toml' | 'yaml'

/** One file a client reads, and how oac's settings merge into what the user already has there. */
export interface ConfigFile {
  path: string
  format: ConfigFormat
  /** Returns the new document: `existing` (undefined when the file is missing) with oac's keys set, nothing else lost. */
  merge(existing: unknown): unknown
  /** 0o600 where the file holds a key. */
  mode?: number
}

/** A client whose config `oac route apply` writes. */
export interface ClientWriter {
  id: ClientId
  title: string
  files(ctx: ApplyContext): ConfigFile[]
}

export const clientIds = ['claude-code', 'codex', 'opencode', 'aider', 'continue', 'qwen-code', 'oac'] as const
export type ClientId = (typeof clientIds)[number]

export type FileOutcome = 'written' | 'unchanged' | 'failed'

export interface FileResult {
  path: string
  outcome: FileOutcome
  /** Unified diff of the change (also in --dry-run, where nothing is written). */
  diff?: string
  backup?: string
  /** The mode it was given back after a client loosened it (`0644 -> 0600`). */
  tightened?: string
  error?: string
}

export interface ClientResult {
  client: ClientId
  files: FileResult[]
}
