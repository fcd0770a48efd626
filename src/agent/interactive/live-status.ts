import type {AgentEvent} from '../events.js'
import {callLabel} from './call-label.js'

// The status line under the reply while the agent works, one phase at a time, written for a local model where
// prefill of a 20-30k prompt takes tens of seconds: waiting (queue + prefill, with the prompt size), generating
// (tokens and tok/s), a tool running (its elapsed time and the last lines of its output), compacting.

type Phase =
  | {kind: 'idle'}
  | {kind: 'waiting'; since: number; promptTokens: number}
  | {kind: 'generating'; since: number; firstAt: number; tokens: number; reasoning: boolean}
  | {kind: 'tool'; since: number; label: string; output: string}
  | {kind: 'compacting'; since: number; before: number}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'
/** Lines of a running command's output shown under its status line. */
export const TAIL_LINES = 4

const n = (x: number) => x.toLocaleString('en-US')
const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`

export class LiveStatus {
  private phase: Phase = {kind: 'idle'}

  constructor(private readonly now: () => number = () => performance.now()) {}

  get busy(): boolean {
    return this.phase.kind !== 'idle'
  }

  /** Moves to the phase an event starts; returns whether the status changed. */
  event(e: AgentEvent): boolean {
    const t = this.now()
    switch (e.type) {
      case 'request':
        this.phase = {kind: 'waiting', since: t, promptTokens: e.promptTokens}
        return true
      case 'delta': {
        const p = this.phase
        if (p.kind === 'generating') {
          p.tokens++
          p.reasoning = e.reasoning
        } else
          this.phase = {
            kind: 'generating',
            since: p.kind === 'waiting' ? p.since : t,
            firstAt: t,
            tokens: 1,
            reasoning: e.reasoning,
          }
        return true
      }
      case 'tool_call':
        this.phase = {kind: 'tool', since: t, label: callLabel(e.name, e.arguments), output: ''}
        return true
      case 'tool_output':
        if (this.phase.kind === 'tool') this.phase.output = (this.phase.output + e.text).slice(-4000)
        return true
      case 'compaction':
        this.phase = e.after === undefined ? {kind: 'compacting', since: t, before: e.before} : {kind: 'idle'}
        return true
      case 'usage':
      case 'tool_result':
      case 'result':
        this.phase = {kind: 'idle'}
        return true
      default:
        return false
    }
  }

  /** The end of the work (or a question): nothing to show. */
  stop(): void {
    this.phase = {kind: 'idle'}
  }

  /** The status line and, while a command runs, the last lines of its output; [] when idle. */
  lines(): string[] {
    const t = this.now()
    const p = this.phase
    if (p.kind === 'idle') return []
    const spin = SPINNER[Math.floor(t / 100) % SPINNER.length]
    const took = secs(t - p.since)
    switch (p.kind) {
      case 'waiting':
        return [
          `${spin} waiting for the first token · ${took} · prompt ${n(p.promptTokens)} tokens (queue + prefill) · Esc to interrupt`,
        ]
      case 'generating': {
        const genMs = t - p.firstAt
        const rate = genMs > 250 ? ` · ${(p.tokens / (genMs / 1000)).toFixed(1)} tok/s` : ''
        const first = `first token after ${secs(p.firstAt - p.since)}`
        return [
          `${spin} ${p.reasoning ? 'thinking' : 'generating'} · ${n(p.tokens)} tokens${rate} · ${first} · ${took}`,
        ]
      }
      case 'tool': {
        const tail = p.output
          .split('\n')
          .filter((l) => l.trim())
          .slice(-TAIL_LINES)
          .map((l) => `  │ ${l}`)
        return [`${spin} ${p.label} · ${took} · Esc to interrupt`, ...tail]
      }
      case 'compacting':
        return [`${spin} compacting ${n(p.before)} tokens of older turns into a summary · ${took}`]
    }
  }
}
