import assert from 'node:assert/strict'
import {test} from 'node:test'
import {request, seededShop} from './seed.js'

function placed(sku, quantity) {
  const shop = seededShop()
  request(shop, 'POST', '/cart/items', {customerId: 'c1', sku, quantity})
  const order = request(shop, 'POST', '/checkout', {customerId: 'c1'}).body
  return {shop, order}
}

test('placing an order reserves stock', () => {
  const {shop} = placed('CAP', 2)
  assert.deepEqual(shop.inventory.level('CAP'), {available: 0, reserved: 2})
})
test('an order beyond stock is refused', () => {
  const shop = seededShop()
  request(shop, 'POST', '/cart/items', {customerId: 'c1', sku: 'CAP', quantity: 3})
  assert.equal(request(shop, 'POST', '/checkout', {customerId: 'c1'}).status, 409)
})
test('placing an order sends a confirmation', () => {
  const {shop} = placed('MUG', 1)
  assert.equal(shop.notifications.outbox.length, 1)
  assert.match(shop.notifications.outbox[0].body, /^Total \$19\.40$/)
})
