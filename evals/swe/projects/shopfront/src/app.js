import {couponsRepo} from './repo/coupons.js'
import {customersRepo} from './repo/customers.js'
import {ordersRepo} from './repo/orders.js'
import {productsRepo} from './repo/products.js'
import {cartRoutes} from './routes/cart.js'
import {checkoutRoutes} from './routes/checkout.js'
import {orderRoutes} from './routes/orders.js'
import {productRoutes} from './routes/products.js'
import {createRouter} from './routes/router.js'
import {createInventory} from './services/inventory.js'
import {createNotifications} from './services/notifications.js'
import {createLogger} from './utils/logger.js'

// A whole shop in memory: repositories, services and the request handler.
export function createShop({stock = {}} = {}) {
  const shop = {
    products: productsRepo(),
    customers: customersRepo(),
    orders: ordersRepo(),
    coupons: couponsRepo(),
    inventory: createInventory(stock),
    notifications: createNotifications(),
    log: createLogger(),
  }
  const cart = cartRoutes(shop)
  shop.carts = cart.carts
  shop.handle = createRouter({...productRoutes(shop), ...cart, ...checkoutRoutes(shop, cart.carts), ...orderRoutes(shop)})
  return shop
}
