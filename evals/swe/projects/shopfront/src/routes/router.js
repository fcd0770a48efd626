import {ShopError} from '../utils/errors.js'

// Matches `METHOD /path/:param` keys against a request; errors become their status.
export function createRouter(table) {
  const routes = Object.entries(table)
    .filter(([key]) => key.includes(' '))
    .map(([key, handler]) => {
      const [method, pattern] = key.split(' ')
      const names = []
      const re = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, n) => (names.push(n), '([^/]+)'))}$`)
      return {method, re, names, handler}
    })
  return (req) => {
    for (const r of routes) {
      const m = req.method === r.method && r.re.exec(req.path)
      if (!m) continue
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]))
      try {
        return r.handler({...req, params})
      } catch (error) {
        if (error instanceof ShopError) return {status: error.status, body: {error: error.message}}
        throw error
      }
    }
    return {status: 404, body: {error: `no route ${req.method} ${req.path}`}}
  }
}
