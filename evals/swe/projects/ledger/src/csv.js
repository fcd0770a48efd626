import {parseAmount} from './money.js'

// One CSV line into fields (RFC 4180): fields may be quoted, a quote inside a quoted field is doubled.
export function parseCsvLine(line) {
  const fields = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      fields.push(field)
      field = ''
    } else field += ch
  }
  fields.push(field)
  return fields
}

export function parseCsv(text) {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map(parseCsvLine)
}

// Rows `from,to,amount,memo` (a header row is skipped), amounts in the source account's currency.
export function importCsv(ledger, text) {
  const rows = parseCsv(text).filter((r) => r[0] !== 'from')
  for (const [from, to, amount, memo = ''] of rows)
    ledger.transfer(from, to, parseAmount(amount, ledger.get(from).currency), memo)
  return rows.length
}
