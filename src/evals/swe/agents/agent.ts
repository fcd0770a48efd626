// An agent as the SWE harness sees it: given a workspace and a problem, it changes files and stops. What it did
// comes back as counts (null when the agent does not report them) and a JSONL trace.

export interface AgentTask {
  workspace: string
  /** A file outside the workspace holding the problem statement. */
  problemFile: string
  problem: string
  endpoint: string
  model: string
  /** Wall-clock limit of the agent. */
  timeoutMs: number
  signal: AbortSignal
}

export interface AgentOutcome {
  /** done: it stopped by itself or at a turn/token limit; the patch is judged. */
  status: 'done' | 'crashed' | 'timeout' | 'aborted'
  reason?: string
  turns: number | null
  promptTokens: number | null
  completionTokens: number | null
  toolErrors: number | null
  trace: string
}

export interface SweAgent {
  /** How results name it: `builtin` or the template. */
  name: string
  run(task: AgentTask): Promise<AgentOutcome>
}
