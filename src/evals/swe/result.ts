import {z} from 'zod'

// What one attempt at one instance leaves behind, saved as a sample of the run (data column). Typed with zod so
// later stages (report, gate, route pick) read stored runs through one schema.

export const sweStatus = z.enum(['resolved', 'unresolved', 'empty_patch', 'error'])

export const attemptResult = z.object({
  instance_id: z.string(),
  /** 0-based attempt number (--repeat). */
  attempt: z.number().int().min(0),
  status: sweStatus,
  reason: z.string().optional(),
  /** Model turns; null when the agent does not report them (external agents). */
  turns: z.number().int().nullable(),
  prompt_tokens: z.number().int().nullable(),
  completion_tokens: z.number().int().nullable(),
  /** Failed tool calls of the built-in agent; null for external agents. */
  tool_errors: z.number().int().nullable(),
  /** Wall time of the whole attempt (checkout, agent, judge), and of the agent and the judge alone. */
  duration_s: z.number(),
  agent_s: z.number(),
  judge_s: z.number(),
  model_patch: z.string(),
  fail_to_pass: z.record(z.string(), z.boolean()).optional(),
  pass_to_pass: z.record(z.string(), z.boolean()).optional(),
  /** The agent's events (built-in) or output lines (external), one JSON object per line. */
  trace: z.string(),
  /** The test runner's output at judging. */
  test_log: z.string().optional(),
})
export type AttemptResult = z.infer<typeof attemptResult>
