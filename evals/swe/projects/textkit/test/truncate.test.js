import assert from 'node:assert/strict'
import {test} from 'node:test'
import {truncate} from '../src/truncate.js'

test('truncate keeps short text', () => assert.equal(truncate('short', 10), 'short'))
test('truncate never exceeds max', () => {
  const out = truncate('Truncation works', 10)
  assert.ok(out.length <= 10, `${out} is ${out.length} long`)
  assert.ok(out.endsWith('…'))
})
test('truncate to one character is the ellipsis', () => assert.equal(truncate('abc', 1), '…'))
