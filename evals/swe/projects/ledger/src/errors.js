export class LedgerError extends Error {
  constructor(message) {
    super(message)
    this.name = this.constructor.name
  }
}
export class InsufficientFunds extends LedgerError {}
export class CurrencyMismatch extends LedgerError {}
