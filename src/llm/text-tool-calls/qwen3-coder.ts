import {paramValue} from './json-text.js'
import {parseTaggedBlocks} from './tagged-blocks.js'
import type {ParamTypes, ParsedText} from './types.js'

// Qwen3-Coder's XML-ish calls:
// <tool_call>\n<function=NAME>\n<parameter=P>\nvalue\n</parameter>\n</function>\n</tool_call>
// Values are raw text (multi-line code allowed); one leading and one trailing newline belong to the markup.

function stripOneNewline(v: string): string {
  return v.replace(/^\r?\n/, '').replace(/\r?\n$/, '')
}

export function parseQwen3Coder(text: string, types?: ParamTypes): ParsedText {
  return parseTaggedBlocks(
    text,
    (body) => {
      const fn = /<function=([^>\s]+)>([\s\S]*?)(?:<\/function>|$)/.exec(body)
      if (!fn?.[1]) return undefined
      const name = fn[1].trim()
      const args: Record<string, unknown> = {}
      for (const p of (fn[2] ?? '').matchAll(/<parameter=([^>\s]+)>([\s\S]*?)<\/parameter>/g))
        if (p[1]) args[p[1]] = paramValue(stripOneNewline(p[2] ?? ''), name, p[1], types)
      return {name, arguments: JSON.stringify(args)}
    },
    (body) => /<\/function>\s*$/.test(body),
  )
}
