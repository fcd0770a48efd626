import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ArgError, parse} from '../src/index.js'
import {coerce} from '../src/coerce.js'
import {SPEC} from './spec.js'

test('coerce converts numbers', () => assert.equal(coerce('42', 'number', 'port'), 42))
