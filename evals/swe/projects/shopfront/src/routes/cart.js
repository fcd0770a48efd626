import {addToCart, createCart} from '../models/cart.js'

export function cartRoutes(shop) {
  const carts = new Map()
  const cartOf = (customerId) => carts.get(customerId) ?? carts.set(customerId, createCart(customerId)).get(customerId)
  return {
    carts: cartOf,
    'POST /cart/items': ({body}) => ({
      status: 200,
      body: addToCart(cartOf(body.customerId), shop.products.get(body.sku), body.quantity),
    }),
    'POST /cart/coupon': ({body}) => {
      const cart = cartOf(body.customerId)
      cart.couponCode = shop.coupons.get(body.code.toUpperCase()).code
      return {status: 200, body: cart}
    },
  }
}
