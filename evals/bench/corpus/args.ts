// src/cli/args.ts
//
// Argument parser for the `tally` admin CLI (`tally export --since 2024-01-01
// --format csv -v`). Small on purpose: we want typed results, generated help,
// and nothing that needs a dependency review.
//
// Supported syntax:
//   --name value     --name=value     -n value     -abc (short booleans grouped)
//   --flag / --no-flag for booleans    --  (everything after is positional)
//   repeated options collect into an array when `multiple: true`

export type OptionType = 'string' | 'number' | 'boolean'

export interface OptionSpec {
  type: OptionType
  short?: string
  description: string
  default?: string | number | boolean | string[]
  multiple?: boolean
  required?: boolean
  /** Allowed values for string options. */
  choices?: string[]
  /** Name of an environment variable to fall back to. */
  env?: string
}

export interface CommandSpec {
  name: string
  summary: string
  options: Record<string, OptionSpec>
  positionals?: {name: string; required?: boolean; variadic?: boolean}[]
}

export type ParsedValue = string | number | boolean | string[] | number[] | undefined

export interface ParseResult {
  options: Record<string, ParsedValue>
  positionals: string[]
  /** Everything after a bare `--`. */
  rest: string[]
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message)
    this.name = 'UsageError'
  }
}

function coerce(spec: OptionSpec, name: string, raw: string, command: string): string | number | boolean {
  switch (spec.type) {
    case 'number': {
      const n = Number(raw)
      if (raw.trim() === '' || Number.isNaN(n))
        throw new UsageError(`--${name} expects a number, got "${raw}"`, command)
      return n
    }
    case 'boolean': {
      if (['true', '1', 'yes', 'on'].includes(raw.toLowerCase())) return true
      if (['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false
      throw new UsageError(`--${name} expects true/false, got "${raw}"`, command)
    }
    case 'string':
      if (spec.choices && !spec.choices.includes(raw)) {
        throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}; got "${raw}"`, command)
      }
      return raw
  }
}

export function parseArgs(
  spec: CommandSpec,
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): ParseResult {
  const byShort = new Map<string, string>()
  for (const [name, opt] of Object.entries(spec.options)) {
    if (opt.short) {
      if (opt.short.length !== 1) throw new Error(`Short flag for --${name} must be one character`)
      if (byShort.has(opt.short)) throw new Error(`Duplicate short flag -${opt.short}`)
      byShort.set(opt.short, name)
    }
  }

  const options: Record<string, ParsedValue> = {}
  const positionals: string[] = []
  let rest: string[] = []

  const assign = (name: string, value: string | number | boolean) => {
    const opt = spec.options[name]
    if (opt.multiple) {
      const list = (options[name] as (string | number)[] | undefined) ?? []
      list.push(value as string | number)
      options[name] = list as string[] | number[]
    } else {
      options[name] = value
    }
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]

    if (arg === '--') {
      rest = argv.slice(i + 1)
      break
    }

    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
      let inline = eq === -1 ? undefined : arg.slice(eq + 1)

      // --no-foo => foo=false for booleans.
      if (!(name in spec.options) && name.startsWith('no-') && spec.options[name.slice(3)]?.type === 'boolean') {
        name = name.slice(3)
        inline = 'false'
      }
      const opt = spec.options[name]
      if (!opt) throw new UsageError(`Unknown option --${name}`, spec.name)

      if (opt.type === 'boolean') {
        assign(name, inline === undefined ? true : coerce(opt, name, inline, spec.name))
        continue
      }
      const raw = inline ?? argv[++i]
      if (raw === undefined) throw new UsageError(`--${name} needs a value`, spec.name)
      assign(name, coerce(opt, name, raw, spec.name))
      continue
    }

    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      const letters = arg.slice(1)
      for (let j = 0; j < letters.length; j++) {
        const name = byShort.get(letters[j])
        if (!name) throw new UsageError(`Unknown option -${letters[j]}`, spec.name)
        const opt = spec.options[name]
        if (opt.type === 'boolean') {
          assign(name, true)
          continue
        }
        // A value-taking short option: the remainder of the group is its
        // value (-n5), otherwise the next argv entry is (-n 5).
        const remainder = letters.slice(j + 1)
        const raw = remainder || argv[++i]
        if (raw === undefined) throw new UsageError(`-${letters[j]} needs a value`, spec.name)
        assign(name, coerce(opt, name, raw, spec.name))
        break
      }
      continue
    }

    positionals.push(arg)
  }

  // Environment fallbacks, then defaults, then required checks.
  for (const [name, opt] of Object.entries(spec.options)) {
    if (options[name] === undefined && opt.env && env[opt.env] !== undefined) {
      assign(name, coerce(opt, name, env[opt.env] as string, spec.name))
    }
    if (!options[name] && opt.default !== undefined) options[name] = opt.default
    if (options[name] === undefined && opt.required) {
      throw new UsageError(`Missing required option --${name}`, spec.name)
    }
  }

  const declared = spec.positionals ?? []
  const variadic = declared.some((p) => p.variadic)
  declared.forEach((p, idx) => {
    if (p.required && positionals[idx] === undefined) {
      throw new UsageError(`Missing required argument <${p.name}>`, spec.name)
    }
  })
  if (!variadic && positionals.length > declared.length) {
    throw new UsageError(`Unexpected argument "${positionals[declared.length]}"`, spec.name)
  }

  return {options, positionals, rest}
}

/** Render `--help` text. Options are listed in declaration order. */
export function formatHelp(spec: CommandSpec, bin = 'tally'): string {
  const lines: string[] = []
  const pos = (spec.positionals ?? [])
    .map((p) => {
      const label = p.variadic ? `${p.name}...` : p.name
      return p.required ? `<${label}>` : `[${label}]`
    })
    .join(' ')
  lines.push(`Usage: ${bin} ${spec.name} [options]${pos ? ' ' + pos : ''}`, '', spec.summary, '', 'Options:')

  const rows = Object.entries(spec.options).map(([name, opt]) => {
    const flags = [opt.short ? `-${opt.short},` : '   ', `--${name}`]
    if (opt.type !== 'boolean') flags.push(`<${opt.type}>`)
    let desc = opt.description
    if (opt.choices) desc += ` (one of: ${opt.choices.join(', ')})`
    if (opt.default !== undefined) desc += ` [default: ${JSON.stringify(opt.default)}]`
    if (opt.env) desc += ` [env: ${opt.env}]`
    if (opt.required) desc += ' (required)'
    return [flags.join(' '), desc] as const
  })
  const width = Math.max(...rows.map(([f]) => f.length), 10) + 2
  for (const [flags, desc] of rows) lines.push(`  ${flags.padEnd(width)}${desc}`)
  lines.push(`  ${'-h, --help'.padEnd(width)}Show this help`)
  return lines.join('\n')
}

// --- the export command, as registered in src/cli/main.ts ---
export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'Export invoices for a tenant as CSV or JSON lines.',
  options: {
    tenant: {type: 'string', short: 't', description: 'Tenant id', required: true, env: 'TALLY_TENANT'},
    since: {type: 'string', description: 'Only invoices issued on or after this date (YYYY-MM-DD)'},
    until: {type: 'string', description: 'Only invoices issued before this date (YYYY-MM-DD)'},
    format: {type: 'string', short: 'f', description: 'Output format', choices: ['csv', 'jsonl'], default: 'csv'},
    limit: {type: 'number', short: 'n', description: 'Maximum rows; 0 means no limit', default: 1000},
    status: {type: 'string', short: 's', description: 'Filter by status (repeatable)', multiple: true},
    verbose: {type: 'boolean', short: 'v', description: 'Log progress to stderr', default: false},
    color: {type: 'boolean', description: 'Colorize output', default: true},
  },
  positionals: [{name: 'output', required: false}],
}

// --- tests (vitest, colocated) ---
if (import.meta.vitest) {
  const {describe, it, expect} = import.meta.vitest
  const env = {}

  describe('parseArgs', () => {
    it('parses long, short and grouped flags', () => {
      const r = parseArgs(exportCommand, ['-t', 'acme', '--format=jsonl', '-vn', '50', 'out.jsonl'], env)
      expect(r.options).toMatchObject({tenant: 'acme', format: 'jsonl', verbose: true, limit: 50})
      expect(r.positionals).toEqual(['out.jsonl'])
    })

    it('collects repeated options', () => {
      const r = parseArgs(exportCommand, ['-t', 'acme', '-s', 'paid', '--status', 'void'], env)
      expect(r.options.status).toEqual(['paid', 'void'])
    })

    it('supports --no-color', () => {
      const r = parseArgs(exportCommand, ['-t', 'acme', '--no-color'], env)
      expect(r.options.color).toBe(false)
    })

    it('falls back to env', () => {
      const r = parseArgs(exportCommand, [], {TALLY_TENANT: 'globex'})
      expect(r.options.tenant).toBe('globex')
    })

    it('rejects unknown choices', () => {
      expect(() => parseArgs(exportCommand, ['-t', 'a', '-f', 'xml'], env)).toThrow(/one of csv, jsonl/)
    })
  })
}
