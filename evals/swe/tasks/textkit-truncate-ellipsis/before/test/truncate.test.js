import assert from 'node:assert/strict'
import {test} from 'node:test'
import {truncate} from '../src/truncate.js'

test('truncate keeps short text', () => assert.equal(truncate('short', 10), 'short'))
