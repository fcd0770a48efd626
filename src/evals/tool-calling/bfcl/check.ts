import {JAVA_TYPES, javaValue, UnconvertibleJavaType} from './java-values.js'
import {JS_TYPES, jsValue} from './js-values.js'
import {type Typed, typed} from './literal.js'
import {PYTHON_TYPES, type PyType, pyEqual, pyIn, pyType, show, standardize} from './values.js'

// BFCL's AST checker rules, written for oac from reading BFCL's checker (ShishirPatil/gorilla,
// berkeley-function-call-leaderboard/bfcl_eval/eval_checker/ast_eval/ast_checker.py and eval_runner.py):
// - irrelevance categories pass when no call was made (or none could be decoded); live_relevance passes when any
//   call was made; every other category is checked call by call.
// - "parallel" categories: as many calls as answers, matched in any order (first match wins, as in BFCL);
//   "multiple": exactly one call of the expected function; others: exactly one call.
// - per call: the name (dots sent as `_`), required parameters present, no parameter outside the schema or the
//   answer, the type (Java/JavaScript text converted first; an int for a float is fine), then the value:
//   strings standardised, lists and dicts element by element, anything else by Python equality; an answer
//   parameter left out must list "" among its values.

export type BfclLanguage = 'python' | 'java' | 'javascript'
export interface BfclFunction {
  name: string
  description?: string
  parameters?: {type?: string; properties?: Record<string, BfclParam>; required?: string[]}
}
export interface BfclParam {
  type?: string
  items?: {type?: string}
  properties?: Record<string, BfclParam>
  description?: string
  [key: string]: unknown
}
export type BfclAnswer = Record<string, Record<string, unknown[]>>

/** What a BFCL case needs for checking beside oac's own case fields. */
export interface BfclCase {
  /** The full BFCL category from the id: simple, live_multiple, java, live_relevance... */
  category: string
  language: BfclLanguage
  /** The function docs as BFCL wrote them (original names and types). */
  functions: BfclFunction[]
  groundTruth: BfclAnswer[]
  /** BFCL name → the name the model was given (dots become `_`). */
  sentNames: Record<string, string>
}

export interface BfclCall {
  name: string
  args: Record<string, unknown>
  /** JSON pointers of the numbers the model wrote as floats (`2.0`): Python reads them as float. */
  floats?: Set<string>
}

const firstAnswerType = (answers: unknown[]): PyType | undefined => {
  const a = answers.find((x) => x !== '')
  return a === undefined ? undefined : pyType(a)
}

/** BFCL's `type_checker`: the declared type, or the answer's type (a variable name given as a string). */
function typeCheck(
  param: string,
  v: Typed,
  answers: unknown[],
  expected: PyType,
  nested: PyType | undefined,
): {ok: true; variable: boolean} | {ok: false; reason: string} {
  const answerType = firstAnswerType(answers)
  const variable = answerType !== undefined && answerType !== expected
  if (v.type === expected) {
    if (!nested) return {ok: true, variable}
    for (const a of answers) {
      if (!Array.isArray(a)) return {ok: true, variable}
      const inner = firstAnswerType(a)
      if ((v.items ?? []).every((t) => t === nested || (inner !== undefined && t === inner)))
        return {ok: true, variable}
    }
  } else if (answerType !== undefined && v.type === answerType) return {ok: true, variable: true}
  return {
    ok: false,
    reason: `wrong type for \`${param}\`: expected ${expected}${nested ? ` of ${nested}` : ''}, got ${v.type} ${show(v.value)}`,
  }
}

const expectedText = (answers: unknown[]) =>
  `expected ${answers.length > 1 ? 'one of ' : ''}${answers.map((a) => (a === '' ? '(absent)' : show(a))).join(', ')}`

const std = (x: unknown) => (typeof x === 'string' ? standardize(x) : x)

/** Python iterates whatever an answer holds: a list element by element, a bare string character by character. */
const iterate = (x: unknown): unknown[] => (Array.isArray(x) ? x : typeof x === 'string' ? [...x] : [x])

function dictMatches(value: Record<string, unknown>, answer: Record<string, unknown>): boolean {
  if (!answer || typeof answer !== 'object') return false
  for (const [k, x] of Object.entries(value))
    if (!(k in answer) || !pyIn(std(x), iterate(answer[k]).map(std))) return false
  return Object.entries(answer).every(([k, xs]) => k in value || iterate(xs).includes(''))
}

/** The value check after the type check (strings standardised, dicts and lists of dicts key by key). */
function valueCheck(
  param: string,
  v: Typed,
  answers: unknown[],
  expected: PyType,
  nested: PyType | undefined,
): string | undefined {
  const bad = `wrong value for \`${param}\`: got ${show(v.value)}, ${expectedText(answers)}`
  if (expected === 'dict') {
    const ok = answers.some(
      (a) => a !== '' && dictMatches(v.value as Record<string, unknown>, a as Record<string, unknown>),
    )
    return ok ? undefined : bad
  }
  if (expected === 'list' && nested === 'dict') {
    const value = v.value as Record<string, unknown>[]
    const ok = answers.some(
      (a) =>
        Array.isArray(a) &&
        a.length === value.length &&
        value.every((d, i) => dictMatches(d, a[i] as Record<string, unknown>)),
    )
    return ok ? undefined : bad
  }
  if (expected === 'str')
    return pyIn(standardize(v.value as string), answers.filter((a) => typeof a === 'string').map(standardize))
      ? undefined
      : bad
  if (expected === 'list') {
    const value = (v.value as unknown[]).map(std)
    return answers.some((a) => Array.isArray(a) && pyEqual(value, a.map(std))) ? undefined : bad
  }
  return pyIn(v.value, answers) ? undefined : bad
}

/** The Python type of a value as json.loads would give it: a number written `2.0` is a float. */
const typeAt = (v: unknown, path: string, floats?: Set<string>): PyType =>
  typeof v === 'number' && floats?.has(path) ? 'float' : pyType(v)

function convert(
  raw: unknown,
  p: BfclParam,
  language: BfclLanguage,
  path = '',
  floats?: Set<string>,
): {v: Typed; expected: PyType; nested?: PyType} | string {
  const declared = p.type ?? 'string'
  const nestedName = p.items?.type
  if (language === 'python') {
    const expected = PYTHON_TYPES[declared] ?? 'str'
    const nested = expected === 'list' && nestedName ? (PYTHON_TYPES[nestedName] ?? 'str') : undefined
    const t = typeAt(raw, path, floats)
    const items = Array.isArray(raw) ? raw.map((x, i) => typeAt(x, `${path}/${i}`, floats)) : undefined
    const v = declared === 'float' && t === 'int' ? typed(raw, 'float') : typed(raw, t, items)
    return nested ? {v, expected, nested} : {v, expected}
  }
  const table = language === 'java' ? JAVA_TYPES : JS_TYPES
  const expected = table[declared]
  if (!expected) return `BFCL's checker has no ${language} type \`${declared}\``
  if (typeof raw !== 'string')
    return `wrong type for a ${language} parameter: expected its source text as a string, got ${show(raw)}`
  const listType = declared === 'Array' || declared === 'ArrayList' || declared === 'array'
  const nested = listType && nestedName ? table[nestedName] : undefined
  const v =
    language === 'java'
      ? javaValue(raw, declared, listType ? nestedName : undefined)
      : jsValue(raw, declared, listType ? nestedName : undefined)
  return nested ? {v, expected, nested} : {v, expected}
}

/** One call against one expected call (BFCL's `simple_function_checker`); undefined when it matches. */
function checkCall(call: BfclCall, answer: BfclAnswer, c: BfclCase): string | undefined {
  const [expectedName, params] = Object.entries(answer)[0] ?? ['', {}]
  const doc = c.functions.find((f) => f.name === expectedName)
  const sent = c.sentNames[expectedName] ?? expectedName
  if (call.name !== sent) return `wrong function: expected \`${sent}\`, got \`${call.name}\``
  const props = doc?.parameters?.properties ?? {}
  for (const r of doc?.parameters?.required ?? [])
    if (!(r in call.args)) return `missing required param \`${r}\` for \`${sent}\``
  for (const [param, raw] of Object.entries(call.args)) {
    const p = props[param]
    const answers = params[param]
    if (!p || !answers) return `unexpected param \`${param}\` for \`${sent}\``
    let converted: ReturnType<typeof convert>
    try {
      converted = convert(raw, p, c.language, `/${param.replaceAll('~', '~0').replaceAll('/', '~1')}`, call.floats)
    } catch (error) {
      if (error instanceof UnconvertibleJavaType) return error.message
      throw error
    }
    if (typeof converted === 'string') return converted
    const {v, expected, nested} = converted
    const typeOk = typeCheck(param, v, answers, expected, nested)
    if (!typeOk.ok) return typeOk.reason
    const why = typeOk.variable
      ? pyIn(v.value, answers)
        ? undefined
        : `wrong value for \`${param}\`: got ${show(v.value)}, ${expectedText(answers)}`
      : valueCheck(param, v, answers, expected, nested)
    if (why) return why
  }
  for (const [param, answers] of Object.entries(params))
    if (!(param in call.args) && !answers.includes('')) return `missing param \`${param}\` for \`${sent}\``
  return undefined
}

/** BFCL's verdict on a case: `calls` undefined when the reply could not be decoded as calls at all. */
export function checkBfcl(c: BfclCase, calls: BfclCall[] | undefined): {passed: boolean; reason?: string} {
  const made = calls?.length ?? 0
  if (c.category.includes('irrelevance'))
    return made === 0 ? {passed: true} : {passed: false, reason: `made a call on irrelevance (\`${calls?.[0]?.name}\`)`}
  if (c.category.includes('relevance'))
    return made > 0 ? {passed: true} : {passed: false, reason: 'no call made where a relevant function exists'}
  if (!calls) return {passed: false, reason: 'the calls could not be decoded'}
  const answers = c.groundTruth
  if (made !== answers.length)
    return {passed: false, reason: `expected ${answers.length} call${answers.length === 1 ? '' : 's'}, got ${made}`}
  if (!c.category.includes('parallel')) {
    const why = checkCall(calls[0] as BfclCall, answers[0] as BfclAnswer, c)
    return why ? {passed: false, reason: why} : {passed: true}
  }
  const used = new Set<number>()
  for (const answer of answers) {
    let first: string | undefined
    const j = calls.findIndex((call, k) => {
      if (used.has(k)) return false
      const why = checkCall(call, answer, c)
      first ??= why
      return !why
    })
    if (j < 0) return {passed: false, reason: first ?? 'calls do not match'}
    used.add(j)
  }
  return {passed: true}
}
