// Markdown indented code blocks (CommonMark 4.4: after a blank line or at the start, lines indented by four spaces
// or a tab, running on over blank lines) are quotes: a model showing a file or an example. A tool call written in
// one is text it quotes, never a call to run, even as the last thing in the reply. The blocks that hold call markup
// are blanked out before the reply is read for calls; every other block stays (a call's own parameters may be
// indented code).

const INDENTED = /^(?: {4}|\t)/
const CALL_MARKUP =
  /<tool_call>|<\/tool_call>|<function=|\[TOOL_CALLS\]|```(?:json|tool_call|tool)?\s*[{[]?\s*$|^\s*[{[]\s*"name"/

/** The text with every indented code block that holds tool-call markup replaced by blank lines. */
export function withoutQuotedCalls(text: string): string {
  const lines = text.split('\n')
  let i = 0
  while (i < lines.length) {
    const startsBlock = INDENTED.test(lines[i]!) && lines[i]!.trim() !== '' && (i === 0 || lines[i - 1]!.trim() === '')
    if (!startsBlock) {
      i++
      continue
    }
    let end = i
    while (end < lines.length && (INDENTED.test(lines[end]!) || lines[end]!.trim() === '')) end++
    if (lines.slice(i, end).some((l) => CALL_MARKUP.test(l))) for (let j = i; j < end; j++) lines[j] = ''
    i = end
  }
  return lines.join('\n')
}
