import assert from 'node:assert/strict'
import {test} from 'node:test'
import {camelCase, snakeCase, titleCase} from '../src/case.js'

test('camelCase joins words', () => assert.equal(camelCase('user id-field'), 'userIdField'))
test('snakeCase splits camelCase', () => assert.equal(snakeCase('userIdField'), 'user_id_field'))
test('snakeCase splits acronyms', () => assert.equal(snakeCase('parseHTTPResponse'), 'parse_http_response'))
test('titleCase capitalizes words', () => assert.equal(titleCase('hello big world'), 'Hello Big World'))
test('titleCase keeps small words lowercase', () =>
  assert.equal(titleCase('the lord of the rings'), 'The Lord of the Rings'))
test('titleCase capitalizes a small last word', () => assert.equal(titleCase('what it is for'), 'What It Is For'))
