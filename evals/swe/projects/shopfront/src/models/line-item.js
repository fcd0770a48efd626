import {requirePositiveInt} from '../utils/validate.js'

export function createLineItem(product, quantity) {
  requirePositiveInt(quantity, 'quantity')
  return {sku: product.sku, name: product.name, unitCents: product.priceCents, quantity}
}

export function lineTotal(item) {
  return item.unitCents * item.quantity
}
