import assert from 'node:assert/strict'
import {test} from 'node:test'
import {camelCase, snakeCase, titleCase} from '../src/case.js'

test('camelCase joins words', () => assert.equal(camelCase('user id-field'), 'userIdField'))
test('snakeCase splits camelCase', () => assert.equal(snakeCase('userIdField'), 'user_id_field'))
test('snakeCase splits acronyms', () => assert.equal(snakeCase('parseHTTPResponse'), 'parse_http_response'))
test('snakeCase handles a leading acronym', () => assert.equal(snakeCase('HTMLParser'), 'html_parser'))
test('titleCase capitalizes words', () => assert.equal(titleCase('hello big world'), 'Hello Big World'))
