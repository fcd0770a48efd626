import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {oacConfigDir} from '../../paths.js'
import {ConfigError} from '../../profiles/load-yaml.js'
import {trustState} from '../trust/trust-store.js'
import {ignoredCommands, withoutRouting} from '../trust/untrusted-settings.js'
import {expandEnv, MissingVariableError} from './expand-env.js'
import {parseJsonConfig} from './load-json.js'
import {mergeSettings} from './merge-settings.js'
import {type Settings, type SettingsScope, settingsSchema} from './settings-schema.js'

// Reads the user's and the project's settings.json and merges them (project over user; flags over both are the
// caller's). A missing file is no settings; a broken one is a ConfigError naming file and line.

export const PROJECT_SETTINGS_PATH = join('.oac', 'settings.json')

export interface SettingsFile {
  scope: SettingsScope
  file: string
  settings: Settings
  /** A project file the user trusts (oac agent trust): like the user's own, it may loosen safety. */
  trusted?: boolean
}

export interface LoadedSettings {
  /** The merged settings. */
  settings: Settings
  /** The files that exist, user first. */
  files: SettingsFile[]
  /** Whether the project's files are trusted (stored trust for their content, or --trust-project). */
  projectTrusted?: boolean
  /** What of the project's files is ignored until the user trusts it, in words (`endpoint http://…`). */
  ignored?: string[]
  /** The user trusted the project, but its files changed since. */
  trustChanged?: boolean
}

export function settingsPaths(root: string, env: NodeJS.ProcessEnv = process.env): Record<SettingsScope, string> {
  return {user: join(oacConfigDir(env), 'settings.json'), project: join(root, PROJECT_SETTINGS_PATH)}
}

/** One settings file; undefined when it does not exist. `${VAR}` references in `mcpServers` are expanded. */
export async function readSettingsFile(file: string, env: NodeJS.ProcessEnv): Promise<Settings | undefined> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw new ConfigError(file, undefined, `cannot read: ${error.message}`)
  })
  if (text === undefined) return undefined
  return parseJsonConfig(file, text, settingsSchema, (data) => expandMcp(file, data, env))
}

/**
 * The user's and the project's settings. Until the user trusts the project (`oac agent trust`, or `trustProject` for
 * one run), what in its files would send the session elsewhere (endpoint, engine, model) is left out, and named in
 * `ignored`; what would loosen safety is left to session-safety.ts, which reads `trusted`.
 */
export async function loadSettings(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  o: {trustProject?: boolean; configDir?: string} = {},
): Promise<LoadedSettings> {
  const paths = settingsPaths(root, env)
  const state = trustState(root, o.configDir ?? oacConfigDir(env))
  const projectTrusted = o.trustProject === true || state === 'trusted'
  const files: SettingsFile[] = []
  const ignored: string[] = []
  for (const scope of ['user', 'project'] as const) {
    // The project may be the config dir itself (oac run in ~/.config): read it once.
    if (scope === 'project' && paths.project === paths.user) continue
    const read = await readSettingsFile(paths[scope], env)
    if (!read) continue
    const trusted = scope === 'user' || projectTrusted
    const kept = trusted ? {settings: read, ignored: []} : withoutRouting(read)
    ignored.push(...kept.ignored)
    // Never from a project, trusted or not: cloud routing spends the user's money (routing/allow-cloud.ts).
    if (scope === 'project' && kept.settings.allowCloud !== undefined) {
      ignored.push(`allowCloud ${kept.settings.allowCloud} (only your own settings can allow the cloud)`)
      kept.settings = {...kept.settings}
      delete kept.settings.allowCloud
    }
    files.push({scope, file: paths[scope], settings: kept.settings, trusted})
  }
  if (!projectTrusted) ignored.push(...ignoredCommands(root))
  return {
    settings: files.reduce<Settings>((acc, f) => mergeSettings(acc, f.settings), {}),
    files,
    projectTrusted,
    ignored,
    ...(!projectTrusted && state === 'changed' ? {trustChanged: true} : {}),
  }
}

function expandMcp(file: string, data: unknown, env: NodeJS.ProcessEnv): unknown {
  if (!data || typeof data !== 'object' || !('mcpServers' in data)) return data
  try {
    return {...data, mcpServers: expandEnv(data.mcpServers, env)}
  } catch (error) {
    if (error instanceof MissingVariableError) throw new ConfigError(file, undefined, `mcpServers: ${error.message}`)
    throw error
  }
}
