import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ArgError, parse} from '../src/index.js'
import {coerce} from '../src/coerce.js'
import {SPEC} from './spec.js'

test('coerce converts numbers', () => assert.equal(coerce('42', 'number', 'port'), 42))
test('coerce names the flag of a bad number', () => {
  assert.throws(
    () => parse(['--port', 'eighty'], SPEC),
    (e) => e instanceof ArgError && e.flag === 'port' && e.message === '--port expects a number, got "eighty"',
  )
})
test('coerce rejects an empty number', () => assert.throws(() => parse(['--port='], SPEC), ArgError))
