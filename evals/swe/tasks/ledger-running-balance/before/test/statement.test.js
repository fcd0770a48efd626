import assert from 'node:assert/strict'
import {test} from 'node:test'
import {Ledger, statement} from '../src/index.js'

test('statement lists each entry', () => {
  const ledger = new Ledger()
  ledger.open('a', 'USD', 1000)
  ledger.open('b', 'USD')
  ledger.transfer('a', 'b', 300, 'rent')
  assert.equal(statement(ledger, 'a').length, 2)
  assert.match(statement(ledger, 'a')[1], /^rent\s+-\$3\.00/)
})
