import {cancelOrder} from '../services/checkout.js'

export function orderRoutes(shop) {
  return {
    'GET /orders/:id': ({params}) => ({status: 200, body: shop.orders.get(params.id)}),
    'POST /orders/:id/cancel': ({params}) => ({status: 200, body: cancelOrder(shop, params.id)}),
  }
}
