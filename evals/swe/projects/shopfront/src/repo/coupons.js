import {memoryStore} from './memory-store.js'

export function couponsRepo() {
  return memoryStore('coupon', (row) => row.code)
}
