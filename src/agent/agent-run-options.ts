import type {Target} from '../cli/resolve-target.js'
import {UsageError} from '../errors.js'
import {projectRoot} from './project-root.js'
import type {SandboxMode} from './sandbox/sandbox-settings.js'
import {type AgentRunOptions, RESUME_PICK} from './session-setup.js'
import {type AgentFlags, withSettings} from './settings/agent-defaults.js'
import {type LoadedSettings, loadSettings} from './settings/load-settings.js'

/** The flags of `oac agent` that both modes pass on as they are. */
export interface AgentRunFlags {
  yes: boolean
  continue: boolean
  resume: boolean
  /** The session argument (an id or prefix), for --resume. */
  session?: string | undefined
  'approve-mcp': boolean
  'trust-project'?: boolean
  sandbox?: string | undefined
}

/** The options of one `oac agent` run, headless or interactive: flags over settings, the resolved endpoint. */
export function agentRunOptions(
  flags: AgentRunFlags,
  effective: ReturnType<typeof withSettings>,
  target: Target,
  settings: LoadedSettings,
  cwd: string,
): AgentRunOptions {
  if (flags.session !== undefined && !flags.resume)
    throw new UsageError(
      `Expected a session id only with --resume or --rewind, got \`${flags.session}\` alone (a task goes with -p, or at the prompt)`,
    )
  const resume = flags.continue ? 'latest' : flags.resume ? (flags.session ?? RESUME_PICK) : undefined
  return {
    endpoint: target.url,
    model: target.model,
    cwd,
    maxTurns: effective.maxTurns,
    ...(effective.maxTokens !== undefined ? {maxTokens: effective.maxTokens} : {}),
    yes: flags.yes,
    approveMcp: flags['approve-mcp'],
    ...(flags['trust-project'] ? {trustProject: true} : {}),
    ...(flags.sandbox ? {sandbox: flags.sandbox as SandboxMode} : {}),
    ...(effective.permissionMode ? {permissionMode: effective.permissionMode} : {}),
    settings,
    ...(resume ? {resume} : {}),
  }
}

/** The endpoint `--print-prompt-stats` asks for the engine's own count: only where one is named. */
export function namedTarget(
  effective: ReturnType<typeof withSettings>,
  resolve: (e: ReturnType<typeof withSettings>) => Target,
): Target | undefined {
  return effective.endpoint !== undefined || effective.engine !== undefined ? resolve(effective) : undefined
}

/** The settings files of the project of `cwd` and the user, and the flags applied over them. */
export async function settingsWithFlags(flags: AgentFlags & {'trust-project'?: boolean}, cwd: string) {
  const settings = await loadSettings(await projectRoot(cwd), process.env, {
    trustProject: flags['trust-project'] === true,
  })
  return {settings, effective: withSettings(flags, settings.settings)}
}
