import {Account} from './account.js'
import {currency} from './currency.js'
import {CurrencyMismatch, LedgerError} from './errors.js'

export class Ledger {
  constructor() {
    this.accounts = new Map()
  }

  open(id, code, opening = 0) {
    currency(code)
    if (this.accounts.has(id)) throw new LedgerError(`account ${id} exists`)
    const account = new Account(id, code)
    if (opening) account.deposit(opening, 'opening balance')
    this.accounts.set(id, account)
    return account
  }

  get(id) {
    const account = this.accounts.get(id)
    if (!account) throw new LedgerError(`no account ${id}`)
    return account
  }

  // Moves `amount` from one account to another: both change or neither does.
  transfer(fromId, toId, amount, memo = '') {
    if (amount <= 0) throw new LedgerError('amount must be positive')
    const from = this.get(fromId)
    const to = this.get(toId)
    if (from.currency !== to.currency) throw new CurrencyMismatch(`${from.currency} -> ${to.currency}`)
    to.deposit(amount, memo)
    from.withdraw(amount, memo)
  }
}
