import {looseMatch, stripLinePrefixes} from './loose-match.js'
import {nearMatches} from './near-matches.js'
import {ToolError} from './tool.js'

// One replacement, the rule every edit tool keeps: old_string must occur once (or replace_all is set). When it does
// not occur as written, two cheap second chances, each reported in the result: the line-number prefixes `read`
// prints are stripped, then a unique match that ignores whitespace differences is taken.

export interface Edit {
  old_string: string
  new_string: string
  replace_all?: boolean
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length
}

function noMatch(text: string, edit: Edit, path: string): ToolError {
  const near = nearMatches(text, edit.old_string)
  if (!near.length)
    return new ToolError(
      `old_string not found in \`${path}\`, nor anything close. Read the file and copy the text exactly.`,
    )
  const shown = near.map((m) => {
    const numbered = m.lines.map((l, i) => `${m.line + i}\t${l}`).join('\n')
    return `lines ${m.line}-${m.line + m.lines.length - 1} (${Math.round(m.score * 100)}% similar):\n${numbered}`
  })
  return new ToolError(
    `old_string not found in \`${path}\`. Closest text:\n${shown.join('\n---\n')}\nCopy the exact text (indentation included) and retry.`,
  )
}

/** The text after the edit; a ToolError when old_string is missing, ambiguous or unchanged. */
export function applyEdit(text: string, edit: Edit, path: string): string {
  return applyEditNoting(text, edit, path).text
}

/** The text after the edit, and a note when old_string only matched after a second chance. */
export function applyEditNoting(text: string, edit: Edit, path: string): {text: string; note?: string} {
  if (edit.old_string === '') throw new ToolError('old_string is empty; use write to create a file.')
  if (edit.old_string === edit.new_string) throw new ToolError('old_string and new_string are the same; nothing to do.')
  if (text.includes(edit.old_string)) return {text: exactEdit(text, edit, path)}
  const old = stripLinePrefixes(edit.old_string)
  if (old !== undefined && text.includes(old)) {
    const neu = stripLinePrefixes(edit.new_string) ?? edit.new_string
    const note = "Note: old_string carried read's line-number prefixes; they were removed."
    return {text: exactEdit(text, {...edit, old_string: old, new_string: neu}, path), note}
  }
  if (edit.replace_all) throw noMatch(text, edit, path)
  const loose = looseMatch(text, old ?? edit.old_string)
  if (!loose) throw noMatch(text, edit, path)
  if ('ambiguous' in loose)
    throw new ToolError(
      `old_string not found in \`${path}\` as written; ignoring whitespace it matches ${loose.ambiguous} places. Copy the exact text (indentation included) and retry.`,
    )
  const neu = old !== undefined ? (stripLinePrefixes(edit.new_string) ?? edit.new_string) : edit.new_string
  return {
    text: text.slice(0, loose.start) + neu + text.slice(loose.end),
    note: `Note: old_string matched line ${lineOf(text, loose.start)} only when whitespace is ignored; that text was replaced.`,
  }
}

function exactEdit(text: string, edit: Edit, path: string): string {
  if (edit.replace_all) return text.split(edit.old_string).join(edit.new_string)
  const first = text.indexOf(edit.old_string)
  const second = text.indexOf(edit.old_string, first + 1)
  if (second >= 0) {
    const at: number[] = []
    for (let i = first; i >= 0 && at.length < 10; i = text.indexOf(edit.old_string, i + 1)) at.push(lineOf(text, i))
    throw new ToolError(
      `old_string occurs more than once in \`${path}\` (at lines ${at.join(', ')}). Add surrounding lines to make it unique, or set replace_all.`,
    )
  }
  return text.slice(0, first) + edit.new_string + text.slice(first + edit.old_string.length)
}
