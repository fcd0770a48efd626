import {Ajv, type ErrorObject} from 'ajv'
import {jsonrepair} from 'jsonrepair'
import type {ToolSpec} from './types.js'

// Tool-call arguments as a model wrote them → a checked object, or an error message the model can act on.

export type ArgsResult =
  | {ok: true; value: Record<string, unknown>; repaired: boolean}
  | {ok: false; error: string; stage: 'parse' | 'schema' | 'unknown-tool'}

const ajv = new Ajv({allErrors: true, strict: false})
// The agent's validator also converts what the schema allows ("5" for an integer, "true" for a boolean): a local
// model's slip is not worth a turn. Evals keep the strict one, so their schema-valid rate stays honest.
const coercing = new Ajv({allErrors: true, strict: false, coerceTypes: true})
const validators = new WeakMap<object, ReturnType<typeof ajv.compile>>()
const coercingValidators = new WeakMap<object, ReturnType<typeof ajv.compile>>()

function describe(e: ErrorObject): string {
  const where = e.instancePath ? `parameter \`${e.instancePath.slice(1).replaceAll('/', '.')}\`` : 'the arguments'
  switch (e.keyword) {
    case 'required':
      return `missing required parameter \`${[e.instancePath.slice(1).replaceAll('/', '.'), e.params.missingProperty].filter(Boolean).join('.')}\``
    case 'additionalProperties':
      return `unknown parameter \`${e.params.additionalProperty}\``
    case 'type':
      return `${where}: expected ${e.params.type}`
    case 'enum':
      return `${where}: expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    default:
      return `${where}: ${e.message}`
  }
}

/**
 * Parses and validates arguments against the tool's JSON schema. Near-JSON is repaired with jsonrepair (the agent
 * takes a model's slip), unless `repair` is false: evals score what the model sent, as BFCL does with json.loads.
 */
export function checkToolArguments(
  raw: string,
  tool: ToolSpec | undefined,
  toolName: string,
  known: string[] = [],
  options: {coerce?: boolean; repair?: boolean} = {},
): ArgsResult {
  if (!tool)
    return {
      ok: false,
      stage: 'unknown-tool',
      error: `Unknown tool \`${toolName}\`.${known.length ? ` Available tools: ${known.join(', ')}.` : ''}`,
    }
  let value: unknown
  let repaired = false
  const text = raw.trim() || '{}'
  try {
    value = JSON.parse(text)
  } catch (strictError) {
    try {
      if (options.repair === false) throw strictError
      value = JSON.parse(jsonrepair(text))
      repaired = true
    } catch (error) {
      return {
        ok: false,
        stage: 'parse',
        error: `Arguments for \`${toolName}\` are not valid JSON (${(error as Error).message.split('\n')[0]}). Send one JSON object.`,
      }
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return {
      ok: false,
      stage: 'parse',
      error: `Arguments for \`${toolName}\` must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
    }
  const schema = (tool.function.parameters ?? {type: 'object'}) as object
  const cache = options.coerce ? coercingValidators : validators
  let validate = cache.get(schema)
  if (!validate) {
    validate = (options.coerce ? coercing : ajv).compile(schema)
    cache.set(schema, validate)
  }
  if (validate(value)) return {ok: true, value: value as Record<string, unknown>, repaired}
  const problems = (validate.errors ?? []).map(describe)
  return {
    ok: false,
    stage: 'schema',
    error: `Invalid arguments for \`${toolName}\`: ${[...new Set(problems)].join('; ')}. Arguments sent: ${text.slice(0, 300)}`,
  }
}
