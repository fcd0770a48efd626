import assert from 'node:assert/strict'
import {test} from 'node:test'
import {importCsv, Ledger, parseCsv} from '../src/index.js'

test('csv splits plain fields', () => assert.deepEqual(parseCsv('a,b,1.00,x\n'), [['a', 'b', '1.00', 'x']]))
