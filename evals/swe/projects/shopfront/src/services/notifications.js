import {formatCents} from '../utils/money.js'

// Messages the shop would send; kept in an outbox.
export function createNotifications() {
  const outbox = []
  return {
    outbox,
    orderPlaced(customer, order) {
      outbox.push({to: customer.email, subject: `Order ${order.id}`, body: `Total ${formatCents(order.totals.total)}`})
    },
  }
}
