import type {Settings} from './settings-schema.js'

// How a later (more specific) settings file overrides an earlier one: scalars are replaced; `endpoint` and
// `engine` are one choice, so a file naming either replaces both; MCP servers merge by name; the open sections
// (permissions, sandbox, shell environment) merge key by key, with lists concatenated as Claude Code merges rules.

export function mergeSettings(base: Settings, over: Settings): Settings {
  const merged: Settings = {...base, ...over}
  if (over.endpoint !== undefined || over.engine !== undefined) {
    delete merged.endpoint
    delete merged.engine
    if (over.endpoint !== undefined) merged.endpoint = over.endpoint
    if (over.engine !== undefined) merged.engine = over.engine
  }
  if (base.mcpServers || over.mcpServers) merged.mcpServers = {...base.mcpServers, ...over.mcpServers}
  for (const key of ['permissions', 'sandbox', 'shellEnvironmentPolicy'] as const) {
    const a = base[key]
    const b = over[key]
    if (a && b) merged[key] = mergeSection(a, b)
  }
  return merged
}

function mergeSection(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {...a}
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k]
    out[k] = Array.isArray(prev) && Array.isArray(v) ? [...new Set([...prev, ...v])] : v
  }
  return out
}
