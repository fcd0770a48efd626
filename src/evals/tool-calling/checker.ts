import {jsonrepair} from 'jsonrepair'
import {checkToolArguments} from '../../llm/tool-args.js'
import type {ToolCall, ToolSpec} from '../../llm/types.js'
import {checkBfcl} from './bfcl/check.js'
import {floatPaths} from './bfcl/float-paths.js'
import type {ToolCase} from './suite.js'

// AST-style checking in the spirit of BFCL: right function, required parameters present, no unexpected ones,
// types and acceptable values; parallel calls match in any order; irrelevance passes only with no call.

export interface CheckResult {
  /** Passed as the model sent it: arguments parsed with JSON.parse and nothing else (BFCL uses json.loads). */
  passed: boolean
  /** Passed once oac repaired near-JSON arguments the way the agent does (jsonrepair): a separate, kinder figure. */
  passedAfterRepair: boolean
  /** Why it failed, for people and for --retry-on-error feedback. */
  reason?: string
  /** Every call's arguments parsed as a JSON object as sent. */
  parseable: boolean
  /** Some call's arguments were not JSON as sent but parsed after repair. */
  repaired: boolean
  /** Every call names a known tool and its arguments satisfy the schema. */
  schemaValid: boolean
  /** The multiset of called function names is the expected one. */
  rightFunction: boolean
  /** A problem a model can fix from an error message (unparseable, unknown tool, schema): what --retry-on-error feeds back. */
  retryable: boolean
}

/** How the reply ended, beside its calls. */
export interface ReplyFacts {
  /** The reply was not readable as calls at all (constrained mode, not JSON): a fixable format error. */
  unparseable?: boolean
  /** The server stopped at max_tokens (finish_reason `length`): whatever it sent is incomplete. */
  cut?: boolean
}

/** The arguments as a JSON object and the JSON text read, strictly or after repair; undefined when neither reads. */
function decodeArgs(call: ToolCall, repair: boolean): {text: string; value: Record<string, unknown>} | undefined {
  if (call.repaired && !repair) return undefined
  const raw = call.arguments.trim() || '{}'
  const attempts = repair ? [raw, safeRepair(raw)] : [raw]
  for (const text of attempts) {
    if (text === undefined) continue
    try {
      const v: unknown = JSON.parse(text)
      if (v && typeof v === 'object' && !Array.isArray(v)) return {text, value: v as Record<string, unknown>}
    } catch {
      // not this reading
    }
  }
  return undefined
}

function safeRepair(text: string): string | undefined {
  try {
    return jsonrepair(text)
  } catch {
    return undefined
  }
}

type Expected = ToolCase['expected'][number]

const normalizeText = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim()

function same(a: unknown, b: unknown, normalize: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return normalize ? normalizeText(a) === normalizeText(b) : a === b
  if (typeof a === 'number' && typeof b === 'number') return a === b
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i], normalize))
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return (
      ka.length === kb.length &&
      ka.every((k) => k in b && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], normalize))
    )
  }
  return a === b
}

const show = (v: unknown) => {
  const s = JSON.stringify(v)
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

/** Why one call does not match one expected call; undefined when it does. */
function mismatch(
  args: Record<string, unknown>,
  name: string,
  exp: Expected,
  tool: ToolSpec,
  normalize: boolean,
): string | undefined {
  if (name !== exp.name) return `wrong function: expected \`${exp.name}\`, got \`${name}\``
  const props = Object.keys((tool.function.parameters as {properties?: object} | undefined)?.properties ?? {})
  for (const key of Object.keys(args)) {
    if (!props.includes(key)) return `unknown param \`${key}\` for \`${name}\``
    if (!(key in exp.arguments)) return `unexpected param \`${key}\` for \`${name}\``
  }
  for (const [key, acceptable] of Object.entries(exp.arguments)) {
    if (!(key in args)) {
      if (acceptable.includes('')) continue
      return `missing param \`${key}\` for \`${name}\``
    }
    const value = args[key]
    const values = acceptable.filter((v) => v !== '' || value === '')
    if (!values.some((v) => same(value, v, normalize))) {
      const typeOk = values.some(
        (v) => typeof v === typeof value || (typeof v === 'number' && typeof value === 'number'),
      )
      return typeOk
        ? `wrong value for \`${key}\`: got ${show(value)}, expected ${values.length > 1 ? 'one of ' : ''}${values.map(show).join(', ')}`
        : `wrong type for \`${key}\`: got ${Array.isArray(value) ? 'array' : typeof value} ${show(value)}, expected ${typeof values[0]}`
    }
  }
  return undefined
}

/** Finds an order-free pairing of calls to expected calls; returns the first mismatch of the best pairing. */
function pairUp(
  calls: {name: string; args: Record<string, unknown>}[],
  expected: Expected[],
  c: ToolCase,
): string | undefined {
  const toolOf = (name: string) => c.tools.find((t) => t.function.name === name) as ToolSpec
  let firstReason: string | undefined
  const used = new Set<number>()
  const solve = (i: number): boolean => {
    if (i === calls.length) return true
    const call = calls[i]
    if (!call) return false
    for (const [j, exp] of expected.entries()) {
      if (used.has(j)) continue
      const why = mismatch(call.args, call.name, exp, toolOf(call.name), c.normalize)
      if (why) {
        firstReason ??= why
        continue
      }
      used.add(j)
      if (solve(i + 1)) return true
      used.delete(j)
    }
    return false
  }
  return solve(0) ? undefined : (firstReason ?? 'calls do not match')
}

type Verdict = Omit<CheckResult, 'passedAfterRepair' | 'repaired'>

/**
 * Checks a reply's calls against the case. Scored as sent; where a call is not JSON as sent, the verdict after repair
 * is given beside it. A reply cut at max_tokens fails, whatever a repair would make of it.
 */
export function checkCase(c: ToolCase, calls: ToolCall[], reply: ReplyFacts = {}): CheckResult {
  const strict = judge(c, calls, reply.unparseable === true, false)
  const afterRepair = strict.parseable || reply.unparseable ? strict : judge(c, calls, false, true)
  const result: CheckResult = {
    ...strict,
    passedAfterRepair: afterRepair.passed,
    repaired: !strict.parseable && afterRepair.parseable,
  }
  if (!strict.passed && afterRepair.passed)
    result.reason = `arguments are not JSON as sent (right after repair): ${strict.reason}`
  if (!reply.cut) return result
  const why = 'cut at max_tokens (finish_reason: length)'
  return {
    ...result,
    passed: false,
    passedAfterRepair: false,
    retryable: false,
    reason: result.reason ? `${why}; ${result.reason}` : why,
  }
}

function judge(c: ToolCase, calls: ToolCall[], unparseable: boolean, repair: boolean): Verdict {
  if (unparseable) {
    // BFCL counts an undecodable reply as "no call": right on irrelevance, wrong everywhere else.
    const passed = c.bfcl ? checkBfcl(c.bfcl, undefined).passed : false
    return {
      passed,
      ...(passed ? {} : {reason: 'unparseable reply: not the JSON object the schema asks for'}),
      parseable: false,
      schemaValid: false,
      rightFunction: false,
      retryable: !passed,
    }
  }
  const known = c.tools.map((t) => t.function.name)
  const parsed: {name: string; args: Record<string, unknown>}[] = []
  let parseable = true
  let schemaValid = true
  let firstProblem: string | undefined
  for (const call of calls) {
    const tool = c.tools.find((t) => t.function.name === call.name)
    const decoded = decodeArgs(call, repair)
    const r = tool && decoded ? checkToolArguments(decoded.text, tool, call.name, known, {repair: false}) : undefined
    if (r?.ok) {
      parsed.push({name: call.name, args: r.value})
      continue
    }
    schemaValid = false
    // Arguments parse or not whatever the function's name: a call to an unknown function is not thereby parseable.
    if (!decoded) parseable = false
    firstProblem ??= !tool
      ? `unknown function \`${call.name}\``
      : !decoded
        ? `unparseable arguments for \`${call.name}\``
        : (r?.error ?? 'invalid arguments')
  }
  const names = (xs: {name: string}[]) =>
    xs
      .map((x) => x.name)
      .sort()
      .join(',')
  const rightFunction = names(calls) === names(c.expected)
  const base = {parseable, schemaValid, rightFunction}
  if (c.bfcl) {
    // BFCL decodes the calls with json.loads and no repair: one unreadable call means no calls were decoded.
    const read = calls.map((k) => ({k, d: decodeArgs(k, repair)}))
    const decoded = read.every((x) => x.d)
      ? read.map(({k, d}) => ({name: k.name, args: d?.value ?? {}, floats: floatPaths(d?.text ?? '{}')}))
      : undefined
    const verdict = checkBfcl(c.bfcl, decoded)
    return {...base, ...verdict, retryable: !verdict.passed && firstProblem !== undefined}
  }
  if (!c.expected.length) {
    const passed = calls.length === 0
    return {
      ...base,
      passed,
      retryable: false,
      ...(passed ? {} : {reason: `made a call on irrelevance (\`${calls[0]?.name}\`)`}),
    }
  }
  if (!calls.length)
    return {...base, passed: false, retryable: false, reason: `no call made (expected \`${c.expected[0]?.name}\`)`}
  if (firstProblem) return {...base, passed: false, retryable: true, reason: firstProblem}
  if (calls.length !== c.expected.length)
    return {
      ...base,
      passed: false,
      retryable: false,
      reason: `expected ${c.expected.length} call${c.expected.length > 1 ? 's' : ''}, got ${calls.length}`,
    }
  const why = pairUp(parsed, c.expected, c)
  return why ? {...base, passed: false, retryable: false, reason: why} : {...base, passed: true, retryable: false}
}
