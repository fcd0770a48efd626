// Admission of sequences: at most maxSeqs decode at once; the others wait first-in first-out.

export class Scheduler {
  running = 0
  private readonly queue: (() => void)[] = []

  constructor(private readonly maxSeqs: number) {}

  get waiting(): number {
    return this.queue.length
  }

  /** Resolves when a slot is free; a request aborted while queued leaves the queue. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.running < this.maxSeqs) {
      this.running++
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const admit = () => {
        signal?.removeEventListener('abort', onAbort)
        this.running++
        resolve()
      }
      const onAbort = () => {
        const i = this.queue.indexOf(admit)
        if (i >= 0) this.queue.splice(i, 1)
        reject(new Error('aborted while queued'))
      }
      signal?.addEventListener('abort', onAbort, {once: true})
      this.queue.push(admit)
    })
  }

  release(): void {
    this.running--
    const next = this.queue.shift()
    if (next) next()
  }
}
