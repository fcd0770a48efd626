import {z} from 'zod'
import {mcpServer} from '../mcp/mcp-server-schema.js'

// The shape of `settings.json` (user: ~/.config/oac/settings.json, project: .oac/settings.json). Every key is
// optional; unknown keys are errors, so a typo is caught rather than silently ignored.
//
// The safety sections (`permissions`, `sandbox`, `shellEnvironmentPolicy`) are owned by the safety code: they are
// declared here as open objects and validated by their own schemas where they are used.

const openSection = z.looseObject({})

export const settingsSchema = z.strictObject({
  /** Editors add a `$schema` link; allowed and ignored. */
  $schema: z.string().optional(),
  /** OpenAI base URL of the engine to use when neither --endpoint nor --engine is given. */
  endpoint: z.url().optional(),
  /** A registered endpoint (name or id), as `--engine`. */
  engine: z.string().min(1).optional(),
  /** Model id as the server serves it, as `--model`. */
  model: z.string().min(1).optional(),
  /** A smaller model on the same endpoint for compaction summaries; the main model when absent. */
  smallModel: z.string().min(1).optional(),
  maxTurns: z.number().int().positive().optional(),
  /** Total token budget of one run (prompt + completion), as `--max-tokens`. */
  maxTokens: z.number().int().positive().optional(),
  /** Append a map of the most referenced symbols (from `oac index`) to the system prompt. */
  repoMap: z.boolean().optional(),
  permissionMode: z.enum(['default', 'plan', 'acceptEdits']).optional(),
  /** MCP servers, in the shape of Claude Code's `.mcp.json` entries. */
  mcpServers: z.record(z.string(), mcpServer).optional(),
  /**
   * Lets `oac router` send requests to the cloud upstreams of its routing file (they cost money and take the
   * prompt off the box). Read from the user's own file only: a project's `.oac/settings.json` cannot set it.
   */
  allowCloud: z.boolean().optional(),
  permissions: openSection.optional(),
  sandbox: openSection.optional(),
  shellEnvironmentPolicy: openSection.optional(),
})

export type Settings = z.output<typeof settingsSchema>

/** Where a settings file sits; project files may only be trusted as far as the safety rules allow. */
export type SettingsScope = 'user' | 'project'
