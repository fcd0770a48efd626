import assert from 'node:assert/strict'
import {test} from 'node:test'
import {usage} from '../src/index.js'
import {SPEC} from './spec.js'

test('usage lists flags with aliases and defaults', () => {
  const text = usage(SPEC)
  assert.match(text, /-p, --port <number> {2}\(default: 8080\)/)
  assert.match(text, / {4}--color {2}\(default: true\)/)
})
