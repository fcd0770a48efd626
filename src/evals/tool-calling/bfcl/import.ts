import {existsSync, readFileSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {OacError} from '../../../errors.js'
import type {ToolCase} from '../suite.js'
import type {BfclAnswer, BfclFunction, BfclLanguage} from './check.js'
import {sentName, toolSpecs} from './tool-specs.js'

// Berkeley Function Calling Leaderboard files → oac cases. A question file holds one JSON object per line (id,
// question = list of turns of messages, function = list of function docs); its possible_answer file (same name in
// possible_answer/) holds id + ground_truth = [{function: {param: [acceptable values]}}]. Irrelevance and
// live_relevance files have no possible answers. Multi-turn files need BFCL's executable backends (their checker
// runs the calls against simulated file systems, APIs...), so oac refuses them instead of scoring them wrongly.
// Source: ShishirPatil/gorilla, berkeley-function-call-leaderboard/bfcl_eval/data and bfcl_eval/utils.py.

/** The input cannot be scored the way BFCL scores it. */
export class BfclImportError extends OacError {
  override name = 'BfclImportError'
}

/** BFCL's category of an entry id: the id without its trailing `_N` (or `_N-M-K` in live files). */
export const categoryOf = (id: string) => id.replace(/_[\d-]+$/, '')

const languageOf = (category: string): BfclLanguage =>
  category.includes('javascript') ? 'javascript' : category.includes('java') ? 'java' : 'python'

/** Categories BFCL does not score by comparing calls with possible answers: refused rather than scored wrongly. */
function unsupported(category: string, q: Record<string, unknown>): string | undefined {
  if (category.includes('multi_turn') || 'involved_classes' in q)
    return 'a multi-turn entry; not supported: BFCL scores multi-turn entries by running the calls against its executable backends'
  if (category.includes('memory') || category.includes('web_search') || category.includes('format_sensitivity'))
    return 'an agentic entry; not supported: BFCL scores it with its agentic checker and backends'
  if (/(^|_)(exec|rest)(_|$)/.test(category))
    return 'an executable entry; not supported: BFCL scores it by executing the calls (its executable checker)'
  return undefined
}

const needsNoAnswer = (category: string) => category.includes('relevance')

function readJsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => l.trim())
    .map(([l, n]) => {
      try {
        return JSON.parse(l) as Record<string, unknown>
      } catch (error) {
        throw new BfclImportError(`${file}:${n}: invalid JSON (${(error as Error).message})`)
      }
    })
}

/** `bfcl:QUESTIONS[,ANSWERS]`; answers default to possible_answer/<same name> beside the questions. */
export function importBfcl(spec: string): ToolCase[] {
  const [questions, answersGiven] = spec.split(',')
  if (!questions || !existsSync(questions)) throw new BfclImportError(`BFCL question file not found: ${questions}`)
  const rows = readJsonLines(questions)
  for (const q of rows) {
    const why = unsupported(categoryOf(String(q.id)), q)
    if (why)
      throw new BfclImportError(
        `${questions}: \`${String(q.id)}\` is ${why}, which oac does not have. Import the single-turn files (simple, multiple, parallel, parallel_multiple, java, javascript, live_*, irrelevance, live_relevance).`,
      )
  }
  const answers = answersGiven ?? join(dirname(questions), 'possible_answer', basename(questions))
  const truth = new Map<string, BfclAnswer[]>()
  if (existsSync(answers))
    for (const a of readJsonLines(answers)) truth.set(String(a.id), a.ground_truth as BfclAnswer[])
  else if (answersGiven || rows.some((q) => !needsNoAnswer(categoryOf(String(q.id)))))
    throw new BfclImportError(`BFCL possible-answer file not found: ${answers} (pass it as bfcl:QUESTIONS,ANSWERS)`)
  return rows.map((q, i) => {
    const id = String(q.id)
    const category = categoryOf(id)
    const gt = truth.get(id) ?? []
    if (!gt.length && !needsNoAnswer(category))
      throw new BfclImportError(`${answers}: no possible answer for \`${id}\` (${questions}:${i + 1})`)
    const functions = (q.function as BfclFunction[] | undefined) ?? []
    const language = languageOf(category)
    const sentNames = Object.fromEntries(functions.map((f) => [f.name, sentName(f.name)]))
    const turns = (q.question as ToolCase['messages'][] | undefined) ?? []
    const expected = gt.flatMap((call) =>
      Object.entries(call).map(([name, args]) => ({name: sentNames[name] ?? sentName(name), arguments: args})),
    )
    return {
      id,
      category,
      messages: turns.flat(),
      tools: toolSpecs(functions, language),
      expected,
      normalize: false,
      bfcl: {category, language, functions, groundTruth: gt, sentNames},
    }
  })
}
