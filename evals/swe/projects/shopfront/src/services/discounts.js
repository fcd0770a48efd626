import {ValidationError} from '../utils/errors.js'
import {isExpired} from '../utils/dates.js'
import {percentOf} from '../utils/money.js'

// The discount a coupon gives on `subtotalCents` at time `now`; never more than the subtotal.
export function discountFor(coupon, subtotalCents, now) {
  if (isExpired(coupon.expiresOn, now)) throw new ValidationError(`coupon ${coupon.code} has expired`)
  if (subtotalCents < coupon.minSubtotalCents) throw new ValidationError(`coupon ${coupon.code} needs a larger order`)
  const off = coupon.kind === 'percent' ? percentOf(subtotalCents, coupon.value) : coupon.value
  return Math.min(off, subtotalCents)
}
