import {existsSync, readFileSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import type {ToolSpec} from '../../llm/types.js'
import type {ToolCase} from './suite.js'

// Berkeley Function Calling Leaderboard files: a question file (one JSON per line: id, question = list of turns,
// function = list of {name, description, parameters} with Python-flavoured types) and its possible_answer file
// (id, ground_truth = [{func_name: {param: [acceptable values]}}]). Both map onto oac's case format.

const TYPE_MAP: Record<string, string> = {dict: 'object', float: 'number', tuple: 'array', any: 'string'}

function jsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchema)
  if (!schema || typeof schema !== 'object') return schema
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(schema))
    out[k] = k === 'type' && typeof v === 'string' ? (TYPE_MAP[v] ?? v) : jsonSchema(v)
  return out
}

function categoryOf(id: string): string {
  return id.replace(/_\d+(-\d+)*$/, '').replace(/^live_/, '')
}

function readJsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as Record<string, unknown>
      } catch (error) {
        throw new Error(`${file}:${i + 1}: invalid JSON (${(error as Error).message})`)
      }
    })
}

/** `bfcl:QUESTIONS[,ANSWERS]`; answers default to possible_answer/<same name> beside the questions. */
export function importBfcl(spec: string): ToolCase[] {
  const [questions, answersGiven] = spec.split(',')
  if (!questions || !existsSync(questions)) throw new Error(`BFCL question file not found: ${questions}`)
  const answers = answersGiven ?? join(dirname(questions), 'possible_answer', basename(questions))
  const truth = new Map<string, unknown>()
  if (existsSync(answers)) for (const a of readJsonLines(answers)) truth.set(String(a.id), a.ground_truth)
  const cases: ToolCase[] = []
  for (const q of readJsonLines(questions)) {
    const id = String(q.id)
    const category = categoryOf(id)
    const gt = truth.get(id)
    if (gt === undefined && category !== 'irrelevance') throw new Error(`${answers}: no possible answer for \`${id}\``)
    const turns = (q.question as {role: string; content: string}[][] | undefined) ?? []
    const functions = (q.function as {name: string; description?: string; parameters?: unknown}[] | undefined) ?? []
    const tools: ToolSpec[] = functions.map((f) => ({
      type: 'function',
      function: {
        name: f.name,
        description: f.description ?? '',
        parameters: jsonSchema(f.parameters ?? {type: 'object', properties: {}}) as Record<string, unknown>,
      },
    }))
    const expected = ((gt as Record<string, Record<string, unknown[]>>[] | undefined) ?? []).flatMap((call) =>
      Object.entries(call).map(([name, args]) => ({name, arguments: args})),
    )
    cases.push({id, category, messages: turns.flat() as ToolCase['messages'], tools, expected, normalize: false})
  }
  return cases
}
