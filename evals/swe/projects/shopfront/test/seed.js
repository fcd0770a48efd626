import {createCoupon, createCustomer, createProduct, createShop} from '../src/index.js'

// A shop with three products, two customers and two coupons, as the tests share it.
export function seededShop() {
  const shop = createShop({stock: {MUG: 10, TEE: 5, CAP: 2}})
  shop.products.put(createProduct({sku: 'MUG', name: 'Crème Brûlée Mug', priceCents: 1250, tags: ['kitchen']}))
  shop.products.put(createProduct({sku: 'TEE', name: 'Logo Tee', priceCents: 2500, tags: ['apparel']}))
  shop.products.put(createProduct({sku: 'CAP', name: 'Logo Cap', priceCents: 1800, tags: ['apparel', 'summer']}))
  shop.customers.put(createCustomer({id: 'c1', email: 'ana@example.com', region: 'CA'}))
  shop.customers.put(createCustomer({id: 'c2', email: 'bo@example.com', region: 'OR'}))
  shop.coupons.put(createCoupon({code: 'spring10', kind: 'percent', value: 1000, expiresOn: '2026-03-31'}))
  shop.coupons.put(createCoupon({code: 'five', kind: 'fixed', value: 500, expiresOn: '2026-12-31', minSubtotalCents: 3000}))
  return shop
}

export function request(shop, method, path, body, now = '2026-03-01T10:00:00Z') {
  const [p, q] = path.split('?')
  const query = Object.fromEntries(new URLSearchParams(q ?? ''))
  return shop.handle({method, path: p, body, query, now})
}
