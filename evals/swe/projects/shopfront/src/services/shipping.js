import {DEFAULTS} from '../config/index.js'

// Flat rate, free from the threshold on (the discounted subtotal counts).
export function shippingFor(goodsCents) {
  if (goodsCents === 0) return 0
  return goodsCents >= DEFAULTS.freeShippingFrom ? 0 : DEFAULTS.flatShipping
}
