import {formatAmount} from './money.js'

// One line per entry: memo, amount and the balance after it, columns aligned.
export function statement(ledger, id) {
  const account = ledger.get(id)
  let balance = 0
  const rows = account.entries.map((e) => {
    balance += e.amount
    return [e.memo, formatAmount(e.amount, account.currency), formatAmount(balance, account.currency)]
  })
  const width = Math.max(4, ...rows.map((r) => r[0].length))
  return rows.map(([memo, amount, total]) => `${memo.padEnd(width)}  ${amount.padStart(12)}  ${total.padStart(12)}`)
}
