import type {AgentEvent} from '../events.js'

// /cost: what the session has used so far, from the result of each task.

type ResultEvent = Extract<AgentEvent, {type: 'result'}>

const seconds = (ms: number) => {
  const s = ms / 1000
  return s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m ${Math.round(s % 60)}s`
}

export class SessionCost {
  tasks = 0
  requests = 0
  promptTokens = 0
  completionTokens = 0
  workMs = 0
  private startedAt: number

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now()
  }

  add(result: ResultEvent): void {
    this.tasks++
    this.requests += result.turns
    this.promptTokens += result.usage.promptTokens
    this.completionTokens += result.usage.completionTokens
    this.workMs += result.durationMs
  }

  /** Start counting again (a new session). */
  reset(): void {
    this.tasks = this.requests = this.promptTokens = this.completionTokens = this.workMs = 0
    this.startedAt = this.now()
  }

  format(): string {
    const n = (x: number) => x.toLocaleString('en-US')
    const total = this.promptTokens + this.completionTokens
    return [
      `tokens:  ${n(this.promptTokens)} prompt + ${n(this.completionTokens)} completion = ${n(total)}`,
      `turns:   ${n(this.requests)} model requests in ${n(this.tasks)} task${this.tasks === 1 ? '' : 's'}`,
      `time:    ${seconds(this.workMs)} working, ${seconds(this.now() - this.startedAt)} since the session began`,
    ].join('\n')
  }
}
