// Sales tax per region, in basis points (1/100 of a percent).
export const TAX_BPS = {
  CA: 725,
  NY: 400,
  OR: 0,
  TX: 625,
}
export const DEFAULT_REGION = 'OR'
