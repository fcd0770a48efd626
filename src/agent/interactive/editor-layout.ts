import stringWidth from 'string-width'

// Where the editor's text goes on the screen: its lines with the prompt before the first (and an indent of the same
// width before the others), broken at the terminal width by hand so that the terminal never wraps a row by itself
// (the live region counts its rows exactly), and the row and column of the cursor.

export interface EditorRows {
  rows: string[]
  cursorRow: number
  cursorColumn: number
}

const graphemes = new Intl.Segmenter()
const TAB = '    '

export function layoutEditor(prompt: string, text: string, cursor: number, width: number): EditorRows {
  const promptWidth = stringWidth(prompt)
  const max = Math.max(promptWidth + 2, width - 1)
  const rows: string[] = []
  let cursorRow = 0
  let cursorColumn = promptWidth
  let offset = 0
  text.split('\n').forEach((line, i) => {
    let row = i === 0 ? prompt : ' '.repeat(promptWidth)
    let column = promptWidth
    const place = (at: number) => {
      if (at === cursor) {
        cursorRow = rows.length
        cursorColumn = column
      }
    }
    for (const {segment: text, index} of graphemes.segment(line)) {
      // A tab (pasted code) is shown as spaces: the terminal would jump to its own tab stop, off the counted width.
      const segment = text === '\t' ? TAB : text
      const w = stringWidth(segment)
      if (column + w > max) {
        rows.push(row)
        row = ' '.repeat(promptWidth)
        column = promptWidth
      }
      place(offset + index)
      row += segment
      column += w
    }
    place(offset + line.length)
    rows.push(row)
    offset += line.length + 1
  })
  // The cursor after the last character of a full row sits at the start of the next one.
  if (cursorColumn >= max) {
    rows.splice(cursorRow + 1, 0, ' '.repeat(promptWidth))
    cursorRow++
    cursorColumn = promptWidth
  }
  return {rows, cursorRow, cursorColumn}
}
