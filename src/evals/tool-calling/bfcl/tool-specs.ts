import type {ToolSpec} from '../../../llm/types.js'
import type {BfclFunction, BfclLanguage, BfclParam} from './check.js'

// BFCL's function docs → the tools a function-calling model is sent, the way BFCL prepares them for OpenAI-style
// models (bfcl_eval/utils.py `_func_doc_language_specific_pre_processing`, bfcl_eval/model_handler/utils.py
// `convert_to_tool`, bfcl_eval/constants/type_mappings.py `GORILLA_TO_OPENAPI`): Python-flavoured and Java types
// become JSON-schema types (an unknown type is a string), a dotted name is sent with `_` (OpenAI-style APIs only
// accept [a-zA-Z0-9_-]), and Java/JavaScript parameters become strings holding source text, since that is what
// BFCL's checker reads back. The wording of the notes added to descriptions is oac's own.

const OPENAPI: Record<string, string> = {
  integer: 'integer',
  number: 'number',
  float: 'number',
  double: 'number',
  string: 'string',
  String: 'string',
  char: 'string',
  any: 'string',
  Any: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  array: 'array',
  list: 'array',
  tuple: 'array',
  ArrayList: 'array',
  Array: 'array',
  Queue: 'array',
  Stack: 'array',
  dict: 'object',
  object: 'object',
  HashMap: 'object',
  Hashtable: 'object',
  byte: 'integer',
  short: 'integer',
  long: 'integer',
  Bigint: 'integer',
}

const LANGUAGE_NOTE: Record<BfclLanguage, string> = {
  python: ' (The function is described in Python 3 terms.)',
  java: ' (The function is described in Java 8 terms.)',
  javascript: ' (The function is described in JavaScript terms.)',
}

/** The tool name a model is given for a BFCL function name. */
export const sentName = (name: string) => name.replaceAll('.', '_')

function jsonType(p: BfclParam): Record<string, unknown> {
  const out: Record<string, unknown> = {...p, type: OPENAPI[p.type ?? 'string'] ?? 'string'}
  if (p.type === 'float') out.description = `${p.description ?? ''} (a float)`.trim()
  if (p.items) out.items = jsonType(p.items as BfclParam)
  if (p.properties) out.properties = Object.fromEntries(Object.entries(p.properties).map(([k, v]) => [k, jsonType(v)]))
  return out
}

/** Java/JavaScript: each parameter is sent as a string holding source text of its declared type. */
function asSourceText(p: BfclParam, language: 'java' | 'javascript'): Record<string, unknown> {
  const lang = language === 'java' ? 'Java' : 'JavaScript'
  let note =
    p.type === 'any'
      ? ` Give any ${lang} value, written as ${lang} source text in a string.`
      : ` Give a ${lang} \`${p.type}\` value, written as ${lang} source text in a string.`
  if (p.items?.type) note += ` Its elements are of type \`${p.items.type}\` (written as code, not as strings).`
  if (language === 'javascript' && p.type === 'dict' && p.properties)
    note += ` Its entries follow this schema (written as code, not as strings): ${JSON.stringify(p.properties)}`
  const {items: _items, properties: _properties, ...rest} = p
  return {...rest, type: 'string', description: `${p.description ?? ''}${note}`}
}

export function toolSpecs(functions: BfclFunction[], language: BfclLanguage): ToolSpec[] {
  return functions.map((f) => {
    const props = f.parameters?.properties ?? {}
    const properties = Object.fromEntries(
      Object.entries(props).map(([k, p]) => [k, language === 'python' ? jsonType(p) : asSourceText(p, language)]),
    )
    return {
      type: 'function',
      function: {
        name: sentName(f.name),
        description: `${f.description ?? ''}${LANGUAGE_NOTE[language]}`,
        parameters: {...f.parameters, type: 'object', properties, required: f.parameters?.required ?? []},
      },
    }
  })
}
