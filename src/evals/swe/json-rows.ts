import {readFileSync} from 'node:fs'
import {DatasetError, unreadable} from './dataset.js'

// The rows of a JSONL file (or of a JSON array, as SWE-bench's files also come), with their 1-based line numbers
// (array position for an array), so a bad row can be named.

export interface JsonRow {
  line: number
  value: unknown
}

export function parseJsonRows(text: string, file: string, what: string): JsonRow[] {
  const rows: JsonRow[] = []
  if (text.trimStart().startsWith('[')) {
    let values: unknown
    try {
      values = JSON.parse(text)
    } catch (error) {
      throw new DatasetError(file, undefined, `invalid JSON: ${(error as Error).message}`)
    }
    if (!Array.isArray(values)) throw new DatasetError(file, undefined, `expected JSONL or a JSON array of ${what}`)
    for (const [i, value] of values.entries()) rows.push({line: i + 1, value})
    return rows
  }
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue
    try {
      rows.push({line: i + 1, value: JSON.parse(line)})
    } catch (error) {
      throw new DatasetError(file, i + 1, `invalid JSON: ${(error as Error).message}`)
    }
  }
  return rows
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new DatasetError(file, undefined, unreadable(error))
  }
}
