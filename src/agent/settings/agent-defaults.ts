import type {PermissionMode} from '../plan-mode.js'
import type {Settings} from './settings-schema.js'

// Flags win over settings (the caller merged project over user): what an `oac agent` run uses for its target and
// limits. `--endpoint` or `--engine` on the command line replaces both of the settings' choices.

export interface AgentFlags {
  endpoint?: string | undefined
  engine?: string | undefined
  model?: string | undefined
  'max-turns'?: number | undefined
  'max-tokens'?: number | undefined
  'permission-mode'?: string | undefined
}

export const DEFAULT_MAX_TURNS = 50

export function withSettings(flags: AgentFlags, settings: Settings) {
  const fromFlags = flags.endpoint !== undefined || flags.engine !== undefined
  const endpoint = fromFlags ? flags.endpoint : settings.endpoint
  const engine = fromFlags ? flags.engine : settings.engine
  const model = flags.model ?? settings.model
  const maxTokens = flags['max-tokens'] ?? settings.maxTokens
  const mode = flags['permission-mode'] ?? settings.permissionMode
  // acceptEdits is the safety rules' business; here only plan changes what a run offers.
  const permissionMode: PermissionMode | undefined = mode === 'plan' || mode === 'default' ? mode : undefined
  return {
    ...(endpoint !== undefined ? {endpoint} : {}),
    ...(engine !== undefined ? {engine} : {}),
    ...(model !== undefined ? {model} : {}),
    maxTurns: flags['max-turns'] ?? settings.maxTurns ?? DEFAULT_MAX_TURNS,
    ...(maxTokens !== undefined ? {maxTokens} : {}),
    ...(permissionMode ? {permissionMode} : {}),
  }
}
