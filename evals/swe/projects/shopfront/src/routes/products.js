import {searchProducts} from '../services/search.js'

export function productRoutes(shop) {
  return {
    'GET /products': ({query}) => ({status: 200, body: searchProducts(shop.products.all(), query?.q ?? '')}),
    'GET /products/:sku': ({params}) => ({status: 200, body: shop.products.get(params.sku)}),
  }
}
