// Bad command-line input; `flag` names the flag it is about, when there is one.
export class ArgError extends Error {
  constructor(message, flag) {
    super(message)
    this.name = 'ArgError'
    this.flag = flag
  }
}
