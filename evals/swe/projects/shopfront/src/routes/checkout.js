import {placeOrder} from '../services/checkout.js'

export function checkoutRoutes(shop, carts) {
  return {
    'POST /checkout': ({body, now}) => ({status: 201, body: placeOrder(shop, carts(body.customerId), now)}),
  }
}
