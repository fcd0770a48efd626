import {DEFAULTS} from '../config/index.js'

// Points for an order: per whole dollar of goods after discount (tax and shipping earn nothing).
export function pointsFor(totals) {
  return Math.floor((totals.subtotal - totals.discount) / 100) * DEFAULTS.loyaltyPointsPerDollar
}
