import {requireFields} from '../utils/validate.js'

export function createProduct({sku, name, priceCents, tags = []}) {
  requireFields({sku, name, priceCents}, ['sku', 'name', 'priceCents'])
  return {sku, name, priceCents, tags}
}
