import {OutOfStock} from '../utils/errors.js'

// Stock per sku: `available` can be sold, `reserved` is held by placed orders.
export function createInventory(levels = {}) {
  const stock = new Map(Object.entries(levels).map(([sku, n]) => [sku, {available: n, reserved: 0}]))
  const level = (sku) => stock.get(sku) ?? {available: 0, reserved: 0}
  return {
    level,
    reserve(items) {
      for (const item of items)
        if (level(item.sku).available < item.quantity) throw new OutOfStock(`not enough ${item.sku}`)
      for (const item of items) {
        const l = level(item.sku)
        stock.set(item.sku, {available: l.available - item.quantity, reserved: l.reserved + item.quantity})
      }
    },
    release(items) {
      for (const item of items) {
        const l = level(item.sku)
        stock.set(item.sku, {available: l.available, reserved: l.reserved - item.quantity})
      }
    },
  }
}
