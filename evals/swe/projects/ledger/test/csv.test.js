import assert from 'node:assert/strict'
import {test} from 'node:test'
import {importCsv, Ledger, parseCsv} from '../src/index.js'

test('csv splits plain fields', () => assert.deepEqual(parseCsv('a,b,1.00,x\n'), [['a', 'b', '1.00', 'x']]))
test('csv keeps commas inside quotes', () =>
  assert.deepEqual(parseCsv('a,b,1.00,"Rent, March"'), [['a', 'b', '1.00', 'Rent, March']]))
test('csv unescapes doubled quotes', () => assert.deepEqual(parseCsv('"say ""hi""",b'), [['say "hi"', 'b']]))
test('csv imports transfers', () => {
  const ledger = new Ledger()
  ledger.open('a', 'USD', 10000)
  ledger.open('b', 'USD')
  assert.equal(importCsv(ledger, 'from,to,amount,memo\na,b,12.50,"Rent, March"\n'), 1)
  assert.equal(ledger.get('b').balance, 1250)
  assert.equal(ledger.get('b').entries[0].memo, 'Rent, March')
})
