import assert from 'node:assert/strict'
import {test} from 'node:test'
import {charCount, wordCount} from '../src/count.js'

test('wordCount ignores extra spaces', () => assert.equal(wordCount('  a  b c '), 3))
test('charCount counts graphemes', () => assert.equal(charCount('e\u0301👍🏽'), 2))
