import assert from 'node:assert/strict'
import {test} from 'node:test'
import {formatAmount, parseAmount} from '../src/index.js'

test('money parses dollars and cents', () => assert.equal(parseAmount('12.34', 'USD'), 1234))
test('money formats dollars', () => assert.equal(formatAmount(1234, 'USD'), '$12.34'))
test('money formats small amounts', () => assert.equal(formatAmount(5, 'EUR'), '€0.05'))
test('money formats negative amounts with the sign first', () => assert.equal(formatAmount(-150, 'USD'), '-$1.50'))
