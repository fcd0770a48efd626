import {DEFAULTS} from '../config/index.js'
import {ValidationError} from '../utils/errors.js'
import {createLineItem} from './line-item.js'

export function createCart(customerId) {
  return {customerId, items: [], couponCode: undefined}
}

// Adds to the line of the same product, or starts one.
export function addToCart(cart, product, quantity) {
  const line = cart.items.find((i) => i.sku === product.sku)
  const total = (line?.quantity ?? 0) + quantity
  if (total > DEFAULTS.maxQuantityPerLine) throw new ValidationError(`at most ${DEFAULTS.maxQuantityPerLine} per line`)
  if (line) line.quantity = total
  else cart.items.push(createLineItem(product, quantity))
  return cart
}
