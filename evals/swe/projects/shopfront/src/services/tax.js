import {DEFAULT_REGION, TAX_BPS} from '../config/index.js'
import {percentOf} from '../utils/money.js'

export function taxRate(region) {
  return TAX_BPS[region] ?? TAX_BPS[DEFAULT_REGION]
}

export function taxFor(taxableCents, region) {
  return percentOf(taxableCents, taxRate(region))
}
