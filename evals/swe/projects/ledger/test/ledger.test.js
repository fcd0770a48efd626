import assert from 'node:assert/strict'
import {test} from 'node:test'
import {CurrencyMismatch, InsufficientFunds, Ledger} from '../src/index.js'

function books() {
  const ledger = new Ledger()
  ledger.open('alice', 'USD', 1000)
  ledger.open('bob', 'USD')
  ledger.open('yuki', 'JPY', 500)
  return ledger
}

test('ledger moves money between accounts', () => {
  const ledger = books()
  ledger.transfer('alice', 'bob', 250, 'lunch')
  assert.equal(ledger.get('alice').balance, 750)
  assert.equal(ledger.get('bob').balance, 250)
})
test('ledger refuses an overdraft', () => assert.throws(() => books().transfer('bob', 'alice', 1), InsufficientFunds))
test('ledger leaves both accounts alone on an overdraft', () => {
  const ledger = books()
  assert.throws(() => ledger.transfer('alice', 'bob', 5000))
  assert.equal(ledger.get('alice').balance, 1000)
  assert.equal(ledger.get('bob').balance, 0)
  assert.equal(ledger.get('bob').entries.length, 0)
})
test('ledger refuses mixed currencies', () => assert.throws(() => books().transfer('alice', 'yuki', 1), CurrencyMismatch))
