import {OacError} from '../../../errors.js'

// `--agent 'cmd:…'`: an external agent as a shell command template. Checked before anything runs: only known
// placeholders, balanced braces, something to run.

export const PLACEHOLDERS = ['workspace', 'problem_file', 'endpoint', 'model'] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

/** A malformed --agent (exit 2), refused before anything runs. */
export class AgentSpecError extends OacError {
  override name = 'AgentSpecError'
}

/** The command of a `cmd:` agent spec; throws an AgentSpecError saying what is wrong. */
export function parseCommandTemplate(spec: string): string {
  if (!spec.startsWith('cmd:'))
    throw new AgentSpecError(`Expected --agent builtin or cmd:<command template>, got \`${spec}\``)
  const template = spec.slice(4).trim()
  if (!template)
    throw new AgentSpecError('--agent cmd: has no command (example: cmd:qwen -p "$(cat {problem_file})" --yolo)')
  let depth = 0
  for (const ch of template) {
    if (ch === '{') depth++
    if (ch === '}') depth--
    if (depth < 0 || depth > 1) break
  }
  if (depth !== 0) throw new AgentSpecError(`--agent template has unbalanced braces: ${template}`)
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name))
  if (unknown.length)
    throw new AgentSpecError(
      `--agent template has unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{${u}}`).join(', ')}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
    )
  return template
}

/** Fills a template; each value is quoted for sh, so paths and prompts with spaces stay one word. */
export function fillTemplate(template: string, values: Record<Placeholder, string>): string {
  return template.replace(/\{(workspace|problem_file|endpoint|model)\}/g, (_, name: Placeholder) => quote(values[name]))
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}
