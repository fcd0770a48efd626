import {parseAmount} from './money.js'

export function parseCsvLine(line) {
  return line.split(',')
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
