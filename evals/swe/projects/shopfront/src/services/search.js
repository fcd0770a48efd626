import {contains} from '../utils/strings.js'

// Products whose name or a tag contains the query (case and accents do not matter), cheapest first.
export function searchProducts(products, query) {
  return products
    .filter((p) => contains(p.name, query) || p.tags.some((t) => contains(t, query)))
    .sort((a, b) => a.priceCents - b.priceCents)
}
