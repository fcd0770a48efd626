import {headTail} from './truncate.js'

// One cap on what any tool (built-in or MCP) sends back to the model, applied by the runner: a local model's
// context is small and prefill is slow. About 4k tokens; a tool may say which end matters and how to read on.

export const MAX_TOOL_OUTPUT = 16_000

/** How a tool's output is cut: `head` keeps the start, `head-tail` both ends (command output: errors are at the end). */
export interface OutputCap {
  keep: 'head' | 'head-tail'
  /** What to do for the rest, from the arguments and the part that was kept. */
  hint: (args: Record<string, unknown>, kept: string) => string
}

export const DEFAULT_CAP: OutputCap = {
  keep: 'head',
  hint: () => 'ask for less (a narrower pattern, path or query)',
}

export function capOutput(output: string, args: Record<string, unknown>, cap: OutputCap = DEFAULT_CAP): string {
  if (output.length <= MAX_TOOL_OUTPUT) return output
  if (cap.keep === 'head-tail') return headTail(output, MAX_TOOL_OUTPUT, cap.hint(args, ''))
  let kept = output.slice(0, MAX_TOOL_OUTPUT)
  if (kept.includes('\n')) kept = kept.slice(0, kept.lastIndexOf('\n'))
  return `${kept}\n[output cut at ${kept.length} of ${output.length} characters; ${cap.hint(args, kept)}]`
}
