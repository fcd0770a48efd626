import assert from 'node:assert/strict'
import {test} from 'node:test'
import {formatAmount, parseAmount} from '../src/index.js'

test('money parses dollars and cents', () => assert.equal(parseAmount('12.34', 'USD'), 1234))
test('money formats dollars', () => assert.equal(formatAmount(1234, 'USD'), '$12.34'))
test('money formats small amounts', () => assert.equal(formatAmount(5, 'EUR'), '€0.05'))
test('money formats yen without decimals', () => assert.equal(formatAmount(500, 'JPY'), '¥500'))
test('money parses dinar with three decimals', () => assert.equal(parseAmount('1.250', 'KWD'), 1250))
test('money refuses too many decimals', () => assert.throws(() => parseAmount('1.5', 'JPY')))
test('money formats negative amounts with the sign first', () => assert.equal(formatAmount(-150, 'USD'), '-$1.50'))
test('money formats negative yen', () => assert.equal(formatAmount(-5, 'JPY'), '-¥5'))
