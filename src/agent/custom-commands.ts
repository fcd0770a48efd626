import {readdir, readFile} from 'node:fs/promises'
import {basename, join} from 'node:path'
import {parse} from 'yaml'
import {SLASH_COMMANDS} from './interactive/slash-command.js'

// Custom slash commands, as Claude Code has them: a Markdown file per command in `.oac/commands/` (the project's)
// or `<config dir>/commands/` (the user's), named after the command. Its text is the prompt; `$ARGUMENTS` becomes
// what was typed after the name, `$1`…`$9` its words. Optional YAML front matter may give a `description`.

export interface CustomCommand {
  name: string
  description: string
  prompt: string
  file: string
}

async function readDir(dir: string): Promise<CustomCommand[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  const commands: CustomCommand[] = []
  for (const entry of names.filter((n) => n.endsWith('.md')).sort()) {
    const file = join(dir, entry)
    const text = await readFile(file, 'utf8').catch(() => undefined)
    if (text === undefined) continue
    const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text)
    let description = ''
    if (front) {
      const meta = (() => {
        try {
          return parse(front[1] ?? '') as {description?: unknown} | null
        } catch {
          return null
        }
      })()
      if (typeof meta?.description === 'string') description = meta.description
    }
    const prompt = (front ? text.slice(front[0].length) : text).trim()
    const name = basename(entry, '.md').toLowerCase()
    commands.push({name, description: description || prompt.split('\n')[0]?.slice(0, 60) || '', prompt, file})
  }
  return commands
}

/** A name that is, or abbreviates, a built-in slash command (`/undo`, `/u`, `/exit`, `/ex`). */
function builtIn(name: string): boolean {
  return Object.keys(SLASH_COMMANDS).some((b) => b.startsWith(name))
}

/**
 * The user's commands, then the project's when the project is trusted (a repository's `.oac/commands/` is its
 * author's text). Neither can take a built-in's name or an abbreviation of one, and a project command never
 * replaces a user command of the same name.
 */
export async function loadCustomCommands(
  root: string,
  configDir: string,
  o: {project: boolean} = {project: true},
): Promise<CustomCommand[]> {
  const byName = new Map<string, CustomCommand>()
  for (const c of await readDir(join(configDir, 'commands'))) if (!builtIn(c.name)) byName.set(c.name, c)
  if (o.project)
    for (const c of await readDir(join(root, '.oac', 'commands')))
      if (!builtIn(c.name) && !byName.has(c.name)) byName.set(c.name, c)
  return [...byName.values()]
}

/** The prompt with its arguments filled in; without `$ARGUMENTS` in the file, the arguments are appended. */
export function expandCommand(command: CustomCommand, args: string): string {
  const words = args.split(/\s+/).filter(Boolean)
  const usesArguments = command.prompt.includes('$ARGUMENTS')
  const text = command.prompt.replaceAll('$ARGUMENTS', args).replace(/\$([1-9])/g, (_, n) => words[Number(n) - 1] ?? '')
  return usesArguments || !args ? text : `${text}\n\n${args}`
}

/** `/name args` when `name` is one of the commands: the expanded prompt; else undefined (not a custom command). */
export function customCommandTask(line: string, commands: CustomCommand[]): string | undefined {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim())
  const command = m && commands.find((c) => c.name === m[1]?.toLowerCase())
  return command ? expandCommand(command, (m[2] ?? '').trim()) : undefined
}
