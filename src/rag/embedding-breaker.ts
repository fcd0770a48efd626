import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

// A circuit breaker for the query embedder. One failed or timed-out query embedding opens it: hybrid search then
// runs lexically for COOL_DOWN_MS without calling the endpoint, and says so once. Its state is also kept in a small
// file in the index folder, so separate `oac search` processes (an agent calling the CLI) skip a dead endpoint too
// instead of each waiting for its timeout.

export const COOL_DOWN_MS = 60_000
const STATE_FILE = 'embedding-down.json'

export interface BreakerState {
  endpoint: string
  reason: string
  /** Epoch ms until which the endpoint is not tried. */
  until: number
}

export class EmbeddingBreaker {
  private state: BreakerState | undefined
  private told = false

  constructor(
    private readonly dir: string,
    private readonly endpoint: string,
    private readonly now: () => number = Date.now,
    private readonly coolDownMs = COOL_DOWN_MS,
  ) {
    try {
      const s = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as BreakerState
      if (s.endpoint === endpoint && typeof s.until === 'number' && typeof s.reason === 'string') this.state = s
    } catch {
      this.state = undefined
    }
  }

  /** Whether the endpoint is being skipped now. */
  open(): boolean {
    return !!this.state && this.now() < this.state.until
  }

  /** The notice for an answer that skipped vectors: the first time only (`undefined` after that). */
  notice(): string | undefined {
    if (!this.state || this.told) return undefined
    this.told = true
    const seconds = Math.max(1, Math.round((this.state.until - this.now()) / 1000))
    return `lexical only: the embedding endpoint ${this.endpoint} failed (${this.state.reason}); vector search is skipped for ${seconds} s`
  }

  /** The endpoint failed: skip it for a while. The caller tells of this failure, so `notice` stays quiet here. */
  trip(reason: string): void {
    this.state = {endpoint: this.endpoint, reason, until: this.now() + this.coolDownMs}
    this.told = true
    try {
      writeFileSync(join(this.dir, STATE_FILE), JSON.stringify(this.state))
    } catch {
      // A read-only index folder: the breaker still holds for this process.
    }
  }

  /** The endpoint answered: forget a past failure. */
  reset(): void {
    if (!this.state) return
    this.state = undefined
    rmSync(join(this.dir, STATE_FILE), {force: true})
  }
}
