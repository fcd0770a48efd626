import {lineTotal} from '../models/line-item.js'
import {sumBy} from '../utils/arrays.js'

export function subtotal(items) {
  return sumBy(items, lineTotal)
}
