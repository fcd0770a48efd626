import {formatAmount} from './money.js'

// One line per entry: memo and amount, columns aligned.
export function statement(ledger, id) {
  const account = ledger.get(id)
  const rows = account.entries.map((e) => [e.memo, formatAmount(e.amount, account.currency)])
  const width = Math.max(4, ...rows.map((r) => r[0].length))
  return rows.map(([memo, amount]) => `${memo.padEnd(width)}  ${amount.padStart(12)}`)
}
