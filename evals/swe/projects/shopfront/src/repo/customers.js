import {memoryStore} from './memory-store.js'

export function customersRepo() {
  return memoryStore('customer', (row) => row.id)
}
