import {readFileSync} from 'node:fs'
import {LineCounter, parseDocument} from 'yaml'
import type {z} from 'zod'
import {OacError} from '../errors.js'
import {unclosedOpener} from './yaml-opener.js'

/** A config file that is not valid YAML or not the expected shape; the message names file, line and field. */
export class ConfigError extends OacError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`)
    this.name = 'ConfigError'
  }
}

/** The line of the value at `path` in a YAML file (for checks made after the schema, such as catalog names). */
export function lineOf(file: string, path: (string | number)[]): number | undefined {
  try {
    const lines = new LineCounter()
    const doc = parseDocument(readFileSync(file, 'utf8'), {lineCounter: lines, prettyErrors: false})
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
      const offset = (node as {range?: [number, number, number]} | undefined)?.range?.[0]
      if (offset !== undefined) return lines.linePos(offset).line
    }
  } catch {
    // The file was read a moment ago; if it cannot be read again, the message goes without a line.
  }
  return undefined
}

const READ_ERRORS: Record<string, string> = {ENOENT: 'no such file', EISDIR: 'is a folder, not a file'}

/** A config file's text; a path that is not a readable file is a ConfigError in words (exit 2), never ENOENT. */
export function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    throw new ConfigError(file, undefined, READ_ERRORS[code] ?? `cannot read (${code || (error as Error).message})`)
  }
}

/** Reads a YAML file and validates it with a zod schema; every problem is reported with its line number. */
export function loadYaml<S extends z.ZodType>(file: string, schema: S, text = readConfigText(file)): z.output<S> {
  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines, prettyErrors: false})
  const syntax = doc.errors[0]
  if (syntax) {
    const open = unclosedOpener(text)
    if (open)
      throw new ConfigError(
        file,
        lines.linePos(open.offset).line,
        `invalid YAML: this ${open.opener} is never closed (the parser noticed at line ${lines.linePos(syntax.pos[0]).line}: ${syntax.message.split('\n')[0]})`,
      )
    throw new ConfigError(file, lines.linePos(syntax.pos[0]).line, `invalid YAML: ${syntax.message.split('\n')[0]}`)
  }
  const result = schema.safeParse(doc.toJS())
  if (result.success) return result.data
  const issue = result.error.issues[0]
  if (!issue) throw new ConfigError(file, undefined, 'invalid content')
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
  // Point at the deepest node that exists: for a missing key that is its parent map.
  let line: number | undefined
  for (let n = path.length; n >= 0 && line === undefined; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
    const offset = (node as {range?: [number, number, number]} | undefined)?.range?.[0]
    if (offset !== undefined) line = lines.linePos(offset).line
  }
  const where = path.length ? `\`${path.join('.')}\`` : 'the document'
  throw new ConfigError(file, line, `${where}: ${issue.message}`)
}
