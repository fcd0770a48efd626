import {parse as parseToml, stringify as stringifyToml} from 'smol-toml'
import {parseDocument, stringify as stringifyYaml} from 'yaml'
import {OacError} from '../../errors.js'
import type {ConfigFormat} from './types.js'

/** A client config oac cannot read: it names the file and where it broke, and oac writes nothing over it. */
export class ConfigFileError extends OacError {
  override name = 'ConfigFileError'
}

/** The document in `text`, read as `format`; an empty file is an empty document. */
export function parseConfig(text: string, format: ConfigFormat, path: string): unknown {
  if (text.trim() === '') return undefined
  try {
    if (format === 'json') return JSON.parse(text)
    if (format === 'toml') return parseToml(text)
    const doc = parseDocument(text)
    if (doc.errors.length > 0) throw doc.errors[0]
    return doc.toJS()
  } catch (error) {
    throw new ConfigFileError(
      `${path} is not valid ${format.toUpperCase()} (${(error as Error).message.split('\n')[0]}); fix or move it, then run again — nothing was written`,
    )
  }
}

export function serializeConfig(value: unknown, format: ConfigFormat): string {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`
  if (format === 'toml') return `${stringifyToml(value as Record<string, unknown>)}\n`
  return stringifyYaml(value)
}
