import {NotFound} from '../utils/errors.js'

// The store interface every repository has: get, find, put, all.
export function memoryStore(kind, key) {
  const rows = new Map()
  return {
    put(row) {
      rows.set(key(row), row)
      return row
    },
    find(id) {
      return rows.get(id)
    },
    get(id) {
      const row = rows.get(id)
      if (!row) throw new NotFound(`no ${kind} ${id}`)
      return row
    },
    all() {
      return [...rows.values()]
    },
  }
}
