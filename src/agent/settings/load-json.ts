import {LineCounter, parseDocument} from 'yaml'
import type {z} from 'zod'
import {ConfigError} from '../../profiles/load-yaml.js'

// A JSON config file checked against a zod schema, with every problem reported as `file:line: what`. JSON is a
// subset of YAML 1.2, so the yaml parser's node ranges give the line of the offending key.

/** Parses `text` (the contents of `file`) as JSON, applies `prepare` to the data, then validates it. */
export function parseJsonConfig<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  prepare: (data: unknown) => unknown = (d) => d,
): z.output<S> {
  const lines = new LineCounter()
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const at = /position (\d+)/.exec(message)
    parseDocument(text, {lineCounter: lines})
    throw new ConfigError(file, at ? lines.linePos(Number(at[1])).line : undefined, `invalid JSON: ${message}`)
  }
  const result = schema.safeParse(prepare(data))
  if (result.success) return result.data
  const issue = result.error.issues[0]
  if (!issue) throw new ConfigError(file, undefined, 'invalid content')
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
  // An unknown key's issue names its parent; point at the key itself.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
  const target = keys[0] !== undefined ? [...path, keys[0]] : path
  const where = path.length ? `\`${path.join('.')}\`` : 'the top level'
  throw new ConfigError(file, lineOf(text, target, lines), `${where}: ${issue.message}`)
}

/** The line of the deepest existing node on `path` (for a missing key: its parent object). */
function lineOf(text: string, path: (string | number)[], lines: LineCounter): number | undefined {
  const doc = parseDocument(text, {lineCounter: lines})
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
    const offset = (node as {range?: [number, number, number]} | undefined)?.range?.[0]
    if (offset === undefined) continue
    // For a key, the value's range starts after it; the key's own line is what a person looks for.
    return lines.linePos(n > 0 ? (keyOffset(doc, path.slice(0, n)) ?? offset) : offset).line
  }
  return undefined
}

function keyOffset(doc: ReturnType<typeof parseDocument>, path: (string | number)[]): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
  const items = (parent as {items?: {key?: {value?: unknown; range?: [number, number, number]}}[]} | null)?.items
  const last = path[path.length - 1]
  const pair = items?.find((p) => p.key?.value === last)
  return pair?.key?.range?.[0]
}
