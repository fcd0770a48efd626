// Shop-wide settings; amounts in cents.
export const DEFAULTS = {
  currency: 'USD',
  freeShippingFrom: 5000,
  flatShipping: 599,
  maxQuantityPerLine: 20,
  loyaltyPointsPerDollar: 1,
}
