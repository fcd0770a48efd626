// Bad command-line input.
export class ArgError extends Error {
  constructor(message) {
    super(message)
    this.name = 'ArgError'
  }
}
