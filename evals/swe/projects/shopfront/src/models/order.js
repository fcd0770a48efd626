export const ORDER_STATES = ['placed', 'paid', 'shipped', 'cancelled']

export function createOrder({id, customerId, items, totals, placedAt}) {
  return {id, customerId, items, totals, placedAt, state: 'placed'}
}
