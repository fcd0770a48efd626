import {coerce} from './coerce.js'
import {ArgError} from './errors.js'

function aliases(defs) {
  return Object.fromEntries(
    Object.entries(defs)
      .filter(([, def]) => def.alias)
      .map(([name, def]) => [def.alias, name]),
  )
}

function defaults(defs) {
  const flags = {}
  for (const [name, def] of Object.entries(defs)) if (def.default !== undefined) flags[name] = def.default
  return flags
}

// Parses argv (without node and the script) against a spec `{flags: {name: {type, alias?, default?}}}`.
export function parse(argv, spec = {}) {
  const defs = spec.flags ?? {}
  const byAlias = aliases(defs)
  const flags = defaults(defs)
  const positionals = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
      let value = eq === -1 ? undefined : arg.slice(eq + 1)
      const def = defs[name]
      if (!def) throw new ArgError(`unknown flag --${name}`, name)
      if (def.type === 'boolean') {
        flags[name] = value === undefined ? true : value !== 'false'
        continue
      }
      if (value === undefined) value = argv[++i]
      if (value === undefined) throw new ArgError(`--${name} needs a value`, name)
      flags[name] = coerce(value, def.type, name)
    } else if (arg.startsWith('-') && arg.length > 1) {
      const letters = arg.slice(1)
      for (let j = 0; j < letters.length; j++) {
        const name = byAlias[letters[j]]
        if (!name) throw new ArgError(`unknown flag -${letters[j]}`)
        if (defs[name].type === 'boolean') {
          flags[name] = true
          continue
        }
        const value = letters.slice(j + 1) || argv[++i]
        if (value === undefined) throw new ArgError(`-${letters[j]} needs a value`, name)
        flags[name] = coerce(value, defs[name].type, name)
        break
      }
    } else {
      positionals.push(arg)
    }
  }
  return {flags, positionals}
}
