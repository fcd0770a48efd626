// `${VAR}` and `${VAR:-default}` in MCP server entries, as Claude Code expands them in `.mcp.json` (command, args,
// env, url and headers): https://docs.anthropic.com/en/docs/claude-code/mcp

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g

export class MissingVariableError extends Error {
  override name = 'MissingVariableError'
}

/** Every string inside `data` with variables replaced; a variable that is unset and has no default throws. */
export function expandEnv(data: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof data === 'string')
    return data.replace(REFERENCE, (_, name: string, fallback: string | undefined) => {
      const value = env[name]
      if (value !== undefined && value !== '') return value
      if (fallback !== undefined) return fallback
      throw new MissingVariableError(
        `environment variable ${name} is not set (write \${${name}:-default} for a default)`,
      )
    })
  if (Array.isArray(data)) return data.map((d) => expandEnv(d, env))
  if (data && typeof data === 'object')
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, expandEnv(v, env)]))
  return data
}
