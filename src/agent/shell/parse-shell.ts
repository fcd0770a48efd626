import {parse as splitWords} from 'shell-quote'
import {scanShell} from './scan-shell.js'

// A shell command as the list of simple commands it runs, for permission rules and the denylist: words with
// quotes removed (variables kept as `$NAME`, never expanded), the redirections of each, and whether its input is a
// pipe. Anything whose effect cannot be read off the words (substitutions, subshells, control flow) marks the
// command `complex`: a rule that allows a command by its prefix never allows a complex one.

export interface Redirect {
  op: string
  target: string
}

export interface SimpleCommand {
  argv: string[]
  /** `NAME=value` words before the program. */
  assignments: string[]
  redirects: Redirect[]
  /** Its standard input is the output of the command before it (`a | b`). */
  piped: boolean
}

export interface ParsedShell {
  commands: SimpleCommand[]
  /** The texts of $(...), `...`, <(...) and >(...), parsed on their own. */
  substitutions: ParsedShell[]
  /** Substitutions, subshells, groups, loops, conditionals, background jobs or heredocs. */
  complex: boolean
  /** A quote that is never closed. */
  unterminated: boolean
  /** The bodies of its heredocs, in order (the text a `<<` redirect feeds its command). */
  heredocs: string[]
}

const SEPARATORS = new Set([';', '&&', '||', '|', '|&', '&', ';;', '(', ')'])
const REDIRECTS = new Set(['>', '>>', '<', '>&', '<&', '&>', '&>>', '>|', '<<', '<<<', '<>'])
/** Words that make a line control flow rather than one command; stripped from the front of argv. */
const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  'for',
  'case',
  'esac',
  '{',
  '}',
  '!',
  'function',
  'select',
])
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/

type Token = string | {op: string} | {op: 'glob'; pattern: string} | {comment: string}

export function parseShell(command: string, depth = 0): ParsedShell {
  const scan = scanShell(command)
  const parsed: ParsedShell = {
    commands: [],
    substitutions: depth > 8 ? [] : scan.substitutions.map((s) => parseShell(s, depth + 1)),
    complex: scan.substitutions.length > 0 || scan.heredoc,
    unterminated: scan.unterminated,
    heredocs: scan.heredocs,
  }
  for (const line of scan.lines) {
    // `${HOME:?}` keeps its braces, so that a parameter expansion with an operator is seen as one.
    let tokens: Token[]
    try {
      tokens = splitWords(line, (name) => (/^\w*$/.test(name) ? `$${name}` : `\${${name}}`)) as Token[]
    } catch {
      // shell-quote refuses what bash would too (`${}`): the words as they stand, and the line marked unreadable.
      parsed.unterminated = true
      tokens = line.split(/\s+/).filter(Boolean)
    }
    let current = emptyCommand(false)
    const flush = (piped: boolean) => {
      if (current.argv.length || current.assignments.length || current.redirects.length) parsed.commands.push(current)
      current = emptyCommand(piped)
    }
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      if (typeof t === 'object' && 'comment' in t) break
      if (typeof t === 'object' && t.op !== 'glob') {
        if (REDIRECTS.has(t.op)) {
          const fd = current.argv.at(-1)
          if (fd !== undefined && /^\d+$/.test(fd)) current.argv.pop()
          const next = tokens[i + 1]
          current.redirects.push({op: t.op, target: typeof next === 'string' ? next : wordOf(next)})
          i++
          continue
        }
        if (SEPARATORS.has(t.op)) {
          if (t.op === '(' || t.op === ')' || t.op === '&') parsed.complex = true
          flush(t.op === '|' || t.op === '|&')
          continue
        }
        parsed.complex = true
        continue
      }
      const word = wordOf(t)
      if (!current.argv.length && KEYWORDS.has(word)) {
        parsed.complex = true
        continue
      }
      if (!current.argv.length && ASSIGNMENT.test(word)) current.assignments.push(word)
      else current.argv.push(word)
    }
    flush(false)
  }
  return parsed
}

function emptyCommand(piped: boolean): SimpleCommand {
  return {argv: [], assignments: [], redirects: [], piped}
}

function wordOf(token: Token | undefined): string {
  if (token === undefined) return ''
  if (typeof token === 'string') return token
  return 'pattern' in token ? token.pattern : ''
}

/** Every simple command, including those inside substitutions. */
export function allCommands(parsed: ParsedShell): SimpleCommand[] {
  return [...parsed.commands, ...parsed.substitutions.flatMap(allCommands)]
}
