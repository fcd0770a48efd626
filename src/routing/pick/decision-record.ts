import {z} from 'zod'
import type {Candidate, ClassDecision} from './types.js'

// What the store keeps of a decision: per class, the chosen model, where it is served, its context, and why. The
// same schema writes it (`oac route pick --write`) and reads it back (`oac route apply`, `oac route show`).

export const decisionRecordSchema = z.object({
  classes: z.array(
    z.object({
      taskClass: z.enum(['agent', 'fast', 'long_context', 'embeddings']),
      model: z.string().optional(),
      endpointUrl: z.string().optional(),
      contextLength: z.number().optional(),
      reason: z.string(),
    }),
  ),
})
export type DecisionRecord = z.output<typeof decisionRecordSchema>

export function toDecisionRecord(classes: ClassDecision[], candidates: Candidate[]): DecisionRecord {
  return {
    classes: classes.map((d) => {
      const c = candidates.find((x) => x.id === d.chosen)
      const endpointUrl = c?.endpointUrl ?? d.chosen?.slice(d.chosen.lastIndexOf('@') + 1)
      return {
        taskClass: d.taskClass,
        ...(d.model ? {model: d.model} : {}),
        ...(endpointUrl ? {endpointUrl} : {}),
        ...(c?.contextLength !== undefined ? {contextLength: c.contextLength} : {}),
        reason: d.reason,
      }
    }),
  }
}
