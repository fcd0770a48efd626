import assert from 'node:assert/strict'
import {test} from 'node:test'
import {center} from '../src/pad.js'

test('center pads both sides', () => assert.equal(center('ab', 6, '*'), '**ab**'))
test('center puts the odd pad on the right', () => assert.equal(center('ab', 5), ' ab  '))
