import assert from 'node:assert/strict'
import {test} from 'node:test'
import {wrap} from '../src/wrap.js'

test('wrap fills lines greedily', () => assert.equal(wrap('one two three four', 9), 'one two\nthree\nfour'))
