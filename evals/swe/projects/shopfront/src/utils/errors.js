export class ShopError extends Error {
  constructor(message, status = 400) {
    super(message)
    this.name = this.constructor.name
    this.status = status
  }
}
export class ValidationError extends ShopError {}
export class NotFound extends ShopError {
  constructor(message) {
    super(message, 404)
  }
}
export class OutOfStock extends ShopError {
  constructor(message) {
    super(message, 409)
  }
}
