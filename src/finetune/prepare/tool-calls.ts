import {structuredPatch} from 'diff'

// A change written as the calls oac's agent would make (src/agent/tools): `edit` per hunk where its old text occurs
// once in the file as it is by then, `write` for a new file or when an edit would be ambiguous, `bash rm` for a
// deleted file. Each file's calls are replayed and must give the file after the change exactly; otherwise the whole
// file is written. Pure.

export interface FileChange {
  path: string
  /** The file before the change; null when the change creates it. */
  before: string | null
  /** The file after the change; null when the change deletes it. */
  after: string | null
}

export interface ToolCall {
  name: 'edit' | 'write' | 'bash'
  arguments: Record<string, string>
}

const count = (text: string, part: string) => (part ? text.split(part).length - 1 : 0)

function hunkEdits(before: string, after: string): {old_string: string; new_string: string}[] {
  const {hunks} = structuredPatch('a', 'b', before, after, '', '', {context: 3})
  return hunks.map((h) => {
    const lines = h.lines.filter((l) => !l.startsWith('\\'))
    const side = (keep: string) =>
      lines
        .filter((l) => l[0] === ' ' || l[0] === keep)
        .map((l) => l.slice(1))
        .join('\n')
    return {old_string: side('-'), new_string: side('+')}
  })
}

function editsFor(path: string, before: string, after: string): ToolCall[] | undefined {
  let text = before
  const calls: ToolCall[] = []
  for (const e of hunkEdits(before, after)) {
    if (count(text, e.old_string) !== 1) return undefined
    text = text.replace(e.old_string, () => e.new_string)
    calls.push({name: 'edit', arguments: {path, ...e}})
  }
  return text === after ? calls : undefined
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`

/** The calls that turn every `before` into its `after`, in file order. */
export function toolCallsFor(files: FileChange[]): ToolCall[] {
  return files.flatMap((f): ToolCall[] => {
    if (f.after === null) return [{name: 'bash', arguments: {command: `rm -- ${shellQuote(f.path)}`}}]
    if (f.before === f.after) return []
    if (f.before === null) return [{name: 'write', arguments: {path: f.path, content: f.after}}]
    return editsFor(f.path, f.before, f.after) ?? [{name: 'write', arguments: {path: f.path, content: f.after}}]
  })
}
