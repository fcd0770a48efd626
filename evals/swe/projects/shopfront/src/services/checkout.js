import {createOrder} from '../models/order.js'
import {newId} from '../utils/ids.js'
import {discountFor} from './discounts.js'
import {subtotal} from './pricing.js'
import {shippingFor} from './shipping.js'
import {taxFor} from './tax.js'

// The totals of a cart: subtotal, discount, tax on the discounted goods, shipping, total.
export function totalsFor(cart, {coupon, region, now}) {
  const sub = subtotal(cart.items)
  const discount = coupon ? discountFor(coupon, sub, now) : 0
  const goods = sub - discount
  const tax = taxFor(goods, region)
  const shipping = shippingFor(goods)
  return {subtotal: sub, discount, tax, shipping, total: goods + tax + shipping}
}

export function placeOrder(shop, cart, now) {
  const customer = shop.customers.get(cart.customerId)
  const coupon = cart.couponCode ? shop.coupons.get(cart.couponCode) : undefined
  const totals = totalsFor(cart, {coupon, region: customer.region, now})
  shop.inventory.reserve(cart.items)
  const order = createOrder({id: newId('ord'), customerId: customer.id, items: cart.items, totals, placedAt: now})
  shop.orders.put(order)
  shop.notifications.orderPlaced(customer, order)
  return order
}

export function cancelOrder(shop, orderId) {
  const order = shop.orders.get(orderId)
  if (order.state === 'cancelled') return order
  shop.inventory.release(order.items)
  order.state = 'cancelled'
  return order
}
