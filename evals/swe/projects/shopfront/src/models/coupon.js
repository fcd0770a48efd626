// kind: 'percent' (value in basis points) or 'fixed' (value in cents); expiresOn: last valid day.
export function createCoupon({code, kind, value, expiresOn, minSubtotalCents = 0}) {
  return {code: code.toUpperCase(), kind, value, expiresOn, minSubtotalCents}
}
