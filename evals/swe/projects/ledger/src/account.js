import {InsufficientFunds} from './errors.js'

export class Account {
  constructor(id, currency) {
    this.id = id
    this.currency = currency
    this.balance = 0
    this.entries = []
  }

  deposit(amount, memo = '') {
    this.balance += amount
    this.entries.push({amount, memo})
  }

  withdraw(amount, memo = '') {
    if (amount > this.balance) throw new InsufficientFunds(`${this.id} has ${this.balance}, needs ${amount}`)
    this.balance -= amount
    this.entries.push({amount: -amount, memo})
  }
}
