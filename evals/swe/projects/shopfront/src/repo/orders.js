import {memoryStore} from './memory-store.js'

export function ordersRepo() {
  return memoryStore('order', (row) => row.id)
}
