// What the agent reports while it works: one union keyed on `type`. The text, json and stream-json renderers and
// the session store are functions of these events (CONVENTIONS.md of the project's house style, rule 6: typed events).

/**
 * How a run ended: `cut` the answer stayed cut at the output token limit, `loop` the model repeated the same call,
 * `budget` the --max-tokens budget was spent.
 */
export type AgentStatus = 'success' | 'max_turns' | 'aborted' | 'error' | 'cut' | 'loop' | 'budget'

export interface TokenTotals {
  promptTokens: number
  completionTokens: number
}

export type AgentEvent =
  | {type: 'start'; sessionId: string; model: string; root: string; tools: string[]; resumed: boolean}
  | {
      type: 'assistant'
      turn: number
      text: string /** No tool calls came with it: this is the answer. */
      final: boolean
    }
  /** Part of a reply as it streams in (only when the loop runs with `streaming`). */
  | {type: 'delta'; turn: number; text: string; reasoning: boolean}
  /** A model request was sent (only with `streaming`): the reply's first token comes after queue and prefill. */
  | {type: 'request'; turn: number; promptTokens: number}
  | {type: 'tool_call'; turn: number; id: string; name: string; arguments: string}
  /** Output of a running command as it comes (only with `streaming`). */
  | {type: 'tool_output'; id: string; text: string}
  | {type: 'tool_result'; turn: number; id: string; name: string; output: string; isError: boolean}
  | {type: 'usage'; turn: number; promptTokens: number; completionTokens: number; estimated: boolean}
  /** Older turns being summarized: first with `before` alone (started), then with the outcome. */
  | {type: 'compaction'; before: number; after?: number; summary?: string}
  | {type: 'notice'; message: string}
  | {type: 'error'; message: string}
  | {
      type: 'result'
      status: AgentStatus
      text: string
      sessionId: string
      turns: number
      usage: TokenTotals
      durationMs: number
    }

export type AgentEventListener = (event: AgentEvent) => void
