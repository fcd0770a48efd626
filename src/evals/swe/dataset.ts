import {readFileSync} from 'node:fs'
import {z} from 'zod'
import {EXIT, OacError} from '../../errors.js'

// A SWE-bench instance (https://github.com/swe-bench/SWE-bench, harness/constants: the dataset columns) plus
// oac's fields that say how to run the tests. Lists may come as JSON arrays or, as SWE-bench files carry them,
// as JSON-encoded strings.

const testList = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value
    try {
      return JSON.parse(value)
    } catch {
      return value
    }
  },
  z.array(z.string().min(1)),
)

export const sweInstance = z.object({
  instance_id: z.string().min(1),
  repo: z.string().min(1),
  base_commit: z.string().regex(/^[0-9a-f]{7,40}$/, 'expected a git commit sha'),
  problem_statement: z.string().min(1),
  /** The reference fix; never shown to the agent. */
  patch: z.string(),
  test_patch: z.string(),
  FAIL_TO_PASS: testList,
  PASS_TO_PASS: testList,
  /** `{test}`: run once per test id, the exit status is its verdict; otherwise one run, results read from TAP/JUnit. */
  test_cmd: z.string().min(1),
  setup_cmd: z.string().min(1).optional(),
  language: z.string().optional(),
  /** Seconds for the whole judging of one attempt (setup + tests). */
  timeout_s: z.number().positive().optional(),
  /** Mined tasks (`oac eval swe mine`): when the change landed, its commit, and its split (--hold-out-after). */
  created_at: z.string().optional(),
  commit: z.string().optional(),
  split: z.enum(['train', 'eval']).optional(),
})
export type SweInstance = z.infer<typeof sweInstance>

/** A dataset line that is not JSON or not an instance: names the file, the row (1-based line) and the field. */
export class DatasetError extends OacError {
  override name = 'DatasetError'
  constructor(
    readonly file: string,
    readonly row: number | undefined,
    message: string,
  ) {
    super(`${file}${row ? `: row ${row}` : ''}: ${message}`, EXIT.badInput)
  }
}

/** Parses a JSONL dataset (a `.json` file holding an array works too); the first bad row stops it. */
export function parseDataset(text: string, file: string): SweInstance[] {
  const rows: {line: number; value: unknown}[] = []
  if (text.trimStart().startsWith('[')) {
    let values: unknown
    try {
      values = JSON.parse(text)
    } catch (error) {
      throw new DatasetError(file, undefined, `invalid JSON: ${(error as Error).message}`)
    }
    if (!Array.isArray(values)) throw new DatasetError(file, undefined, 'expected JSONL or a JSON array of instances')
    for (const [i, value] of values.entries()) rows.push({line: i + 1, value})
  } else {
    for (const [i, line] of text.split('\n').entries()) {
      if (!line.trim()) continue
      try {
        rows.push({line: i + 1, value: JSON.parse(line)})
      } catch (error) {
        throw new DatasetError(file, i + 1, `invalid JSON: ${(error as Error).message}`)
      }
    }
  }
  const seen = new Set<string>()
  const instances = rows.map(({line, value}) => {
    const parsed = sweInstance.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue?.path.join('.') || 'the row'
      const id = (value as {instance_id?: unknown} | null)?.instance_id
      // zod does not hand back the value it rejected: look it up, so `"FAIL_TO_PASS": 5` is a wrong type, not missing.
      const got = (issue?.path ?? []).reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | null)?.[k], value)
      const what =
        got === undefined
          ? 'missing'
          : issue?.code === 'invalid_type'
            ? `wrong type: expected ${issue.expected}, got ${got === null ? 'null' : Array.isArray(got) ? 'an array' : `${typeof got} ${JSON.stringify(got).slice(0, 40)}`}`
            : issue?.message
      throw new DatasetError(file, line, `${typeof id === 'string' ? `${id}: ` : ''}\`${field}\`: ${what}`)
    }
    if (seen.has(parsed.data.instance_id))
      throw new DatasetError(file, line, `duplicate instance_id \`${parsed.data.instance_id}\``)
    seen.add(parsed.data.instance_id)
    return parsed.data
  })
  if (!instances.length) throw new DatasetError(file, undefined, 'no instances')
  return instances
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
}

/** Why a file could not be read, in words (`no such file`, not ENOENT). */
export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return code ? (READ_ERRORS[code] ?? `cannot read (${code})`) : String(error)
}

export function loadDataset(file: string): SweInstance[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new DatasetError(file, undefined, unreadable(error))
  }
  return parseDataset(text, file)
}

/** The instances `--instances` and `--limit` pick, in dataset order; an unknown id is bad input. */
export function pickInstances(all: SweInstance[], ids?: string[], limit?: number): SweInstance[] {
  let picked = all
  if (ids?.length) {
    const known = new Set(all.map((i) => i.instance_id))
    const unknown = ids.filter((id) => !known.has(id))
    if (unknown.length) throw new DatasetError('--instances', undefined, `unknown instance ids: ${unknown.join(', ')}`)
    const wanted = new Set(ids)
    picked = all.filter((i) => wanted.has(i.instance_id))
  }
  return limit ? picked.slice(0, limit) : picked
}
