import {memoryStore} from './memory-store.js'

export function productsRepo() {
  return memoryStore('product', (row) => row.sku)
}
