import type {Interface} from 'node:readline'

// The lines typed at the prompt, taken in order by whoever waits: the prompt loop or an approval question.
// Lines typed while the agent works wait in a queue (type-ahead); a question can ask for a fresh line instead,
// so that type-ahead does not answer it. A wait can be cancelled (Ctrl-C during a question).

export const CANCELLED = Symbol('cancelled')

export type NextLine = string | undefined | typeof CANCELLED

export class LineSource {
  private readonly queued: string[] = []
  private waiter: ((line: NextLine) => void) | undefined
  private closed = false

  constructor(rl: Interface) {
    rl.on('line', (line) => {
      const waiter = this.waiter
      this.waiter = undefined
      if (waiter) waiter(line)
      else this.queued.push(line)
    })
    rl.on('close', () => this.end())
  }

  /** The next line: undefined once input has ended, CANCELLED when cancel() was called while waiting. */
  next(fresh = false): Promise<NextLine> {
    return new Promise((resolve) => {
      const line = fresh ? undefined : this.queued.shift()
      if (line !== undefined) resolve(line)
      else if (this.closed) resolve(undefined)
      else this.waiter = resolve
    })
  }

  /** No more lines: the current and every later wait gets undefined (as at the end of input). */
  end(): void {
    this.closed = true
    this.settle(undefined)
  }

  /** Ends the current wait, if any, with CANCELLED. */
  cancel(): void {
    this.settle(CANCELLED)
  }

  private settle(value: NextLine): void {
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.(value)
  }
}
