import assert from 'node:assert/strict'
import {test} from 'node:test'
import {request, seededShop} from './seed.js'

const skus = (res) => res.body.map((p) => p.sku)

test('search finds by name, cheapest first', () =>
  assert.deepEqual(skus(request(seededShop(), 'GET', '/products?q=logo')), ['CAP', 'TEE']))
test('search finds by tag', () => assert.deepEqual(skus(request(seededShop(), 'GET', '/products?q=summer')), ['CAP']))
test('search ignores accents', () => assert.deepEqual(skus(request(seededShop(), 'GET', '/products?q=creme')), ['MUG']))
test('unknown product is a 404', () => assert.equal(request(seededShop(), 'GET', '/products/NOPE').status, 404))
