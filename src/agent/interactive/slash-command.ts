// The commands typed at the interactive prompt that start with `/`. A unique prefix is enough (`/ex` is /exit);
// anything after the name is the argument.

export const SLASH_COMMANDS = {
  help: 'list these commands',
  model: 'show the model and the ones served, or switch to NAME: /model NAME',
  permissions: 'what "always" answers allow; /permissions revoke RULE|all',
  clear: 'start a new session and forget "always" answers (the conversation is kept in the database)',
  compact: 'summarize older turns to free context',
  undo: 'put back what the agent changed in the last task; your own changes are kept (/undo all: those too)',
  redo: 'take back the last /undo',
  plan: 'plan mode on or off: the model only reads and answers with a plan (/plan on|off)',
  tools: 'list the tools and where they come from',
  cost: 'tokens, time and model requests of this session',
  exit: 'quit (Ctrl-C twice at an empty prompt does too)',
} as const

export type SlashName = keyof typeof SLASH_COMMANDS

export type SlashParse = {ok: true; name: SlashName; arg: string} | {ok: false; error: string}

const NAMES = Object.keys(SLASH_COMMANDS) as SlashName[]

/** The command on a prompt line, or undefined when the line is not a command (a task for the model). */
export function parseSlashCommand(line: string): SlashParse | undefined {
  const trimmed = line.trim()
  if (!trimmed.startsWith('/') || trimmed.startsWith('//')) return undefined
  const match = /^\/(\S*)\s*(.*)$/s.exec(trimmed)
  const word = (match?.[1] ?? '').toLowerCase()
  const arg = (match?.[2] ?? '').trim()
  // A path such as /etc/hosts at the start of a task is not a command.
  if (word.includes('/')) return undefined
  if (!word) return {ok: false, error: 'Type a command after the slash; /help lists them.'}
  const exact = NAMES.find((n) => n === word)
  const candidates = exact ? [exact] : NAMES.filter((n) => n.startsWith(word))
  const [only, other] = candidates
  if (!only) return {ok: false, error: `Unknown command /${word}; /help lists them.`}
  if (other) return {ok: false, error: `/${word} is ambiguous: ${candidates.map((c) => `/${c}`).join(', ')}.`}
  return {ok: true, name: only, arg}
}

/** The /help text: one line per command. */
export function slashHelp(): string {
  const width = Math.max(...NAMES.map((n) => n.length)) + 2
  return NAMES.map((n) => `  /${n.padEnd(width)}${SLASH_COMMANDS[n]}`).join('\n')
}
