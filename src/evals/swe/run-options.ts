import {z} from 'zod'

// What an `oac eval swe` run needs, as stored in runs.params: enough to take an interrupted run up again with
// --resume (same tasks, agent, limits and endpoint).

export const sweRunParams = z.object({
  /** The dataset file; absent for the shipped suite. */
  dataset: z.string().optional(),
  reposDir: z.string().optional(),
  /** --judge: the predictions file judged instead of running an agent. */
  judge: z.string().optional(),
  instanceIds: z.array(z.string()),
  agent: z.string(),
  endpoint: z.string(),
  model: z.string(),
  repeat: z.number().int().min(1),
  concurrency: z.number().int().min(1),
  maxTurns: z.number().int().min(1),
  tokenBudget: z.number().int().min(0),
  agentTimeoutS: z.number().positive(),
  testTimeoutS: z.number().positive(),
})
export type SweRunParams = z.infer<typeof sweRunParams>

export interface SweRunOptions extends Omit<SweRunParams, 'instanceIds'> {
  /** --instances and --limit. */
  instances?: string[]
  limit?: number
  endpointId?: number
  engine?: string
  save: boolean
  /** Continue this stored run instead of starting one. */
  resume?: number
  /** Write SWE-bench predictions JSONL here. */
  predictions?: string
  signal: AbortSignal
}
