import type {Settings} from '../settings/settings-schema.js'

// What a project's settings file changes, in words a person can judge before trusting it: where the session would
// go, what would run without asking, what the sandbox and the shell environment would let through.

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : []
}

function section(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
}

export function describeProjectSettings(s: Settings): string[] {
  const lines: string[] = []
  if (s.endpoint)
    lines.push(`sends the session (system prompt, files, tool output) to ${s.endpoint}, which then drives the agent`)
  if (s.engine) lines.push(`sends the session to the registered endpoint \`${s.engine}\``)
  if (s.model) lines.push(`uses the model \`${s.model}\` (a router may send it to another host)`)
  if (s.smallModel) lines.push(`summarizes with the model \`${s.smallModel}\``)
  const p = section(s.permissions)
  for (const rule of list(p.allow)) lines.push(`allows without asking: ${rule}`)
  const box = section(s.sandbox)
  if (box.mode && box.mode !== 'read-only') lines.push(`sandbox mode: ${String(box.mode)}`)
  if (box.network === true) lines.push('lets commands use the network')
  for (const dir of list(box.writableRoots)) lines.push(`lets commands write in ${dir}`)
  for (const dir of list(box.readableRoots)) lines.push(`lets commands read ${dir}`)
  const env = section(s.shellEnvironmentPolicy)
  if (env.inherit === 'all' || env.ignoreDefaultExcludes === true)
    lines.push(
      `shell environment: ${env.ignoreDefaultExcludes === true ? 'credential variables passed to commands' : 'inherit all'}`,
    )
  for (const name of list(env.includeOnly)) lines.push(`shell environment keeps only ${name}`)
  for (const name of Object.keys(section(env.set))) lines.push(`sets ${name} for every command`)
  return lines
}
