import {paramValue} from './json-text.js'
import {parseTaggedBlocks} from './tagged-blocks.js'
import type {ParamTypes, ParsedText} from './types.js'

// GLM-4.5: <tool_call>NAME\n<arg_key>k</arg_key>\n<arg_value>v</arg_value>\n...</tool_call>

export function parseGlm45(text: string, types?: ParamTypes): ParsedText {
  return parseTaggedBlocks(text, (body) => {
    const name = body.split(/<arg_key>|\n/)[0]?.trim()
    if (!name || name.startsWith('{')) return undefined
    const args: Record<string, unknown> = {}
    for (const p of body.matchAll(/<arg_key>([\s\S]*?)<\/arg_key>\s*<arg_value>([\s\S]*?)<\/arg_value>/g)) {
      const key = (p[1] ?? '').trim()
      if (key) args[key] = paramValue(p[2] ?? '', name, key, types)
    }
    return {name, arguments: JSON.stringify(args)}
  })
}
