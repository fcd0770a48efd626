import assert from 'node:assert/strict'
import {test} from 'node:test'
import {request, seededShop} from './seed.js'

function buy(items, {customerId = 'c2', coupon, now} = {}) {
  const shop = seededShop()
  for (const [sku, quantity] of items) request(shop, 'POST', '/cart/items', {customerId, sku, quantity})
  if (coupon) request(shop, 'POST', '/cart/coupon', {customerId, code: coupon})
  return request(shop, 'POST', '/checkout', {customerId}, now)
}

test('checkout totals a cart', () => {
  const res = buy([['MUG', 2]])
  assert.equal(res.status, 201)
  assert.deepEqual(res.body.totals, {subtotal: 2500, discount: 0, tax: 0, shipping: 599, total: 3099})
})
test('shipping is free above the threshold', () => assert.equal(buy([['TEE', 3]]).body.totals.shipping, 0))
test('tax is charged on the discounted subtotal', () => {
  const totals = buy([['TEE', 2]], {customerId: 'c1', coupon: 'SPRING10'}).body.totals
  assert.equal(totals.discount, 500)
  assert.equal(totals.tax, 326)
})
test('a fixed coupon needs its minimum subtotal', () => assert.equal(buy([['MUG', 1]], {coupon: 'five'}).status, 400))
test('coupon works on its expiry day', () => {
  const res = buy([['TEE', 1]], {coupon: 'spring10', now: '2026-03-31T14:00:00Z'})
  assert.equal(res.status, 201, JSON.stringify(res.body))
  assert.equal(res.body.totals.discount, 250)
})
test('coupon refused the day after expiry', () =>
  assert.equal(buy([['TEE', 1]], {coupon: 'spring10', now: '2026-04-01T00:30:00Z'}).status, 400))
