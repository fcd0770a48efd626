import {z} from 'zod'
import {lenient} from '../../util/lenient-schema.js'

// The stored summary of an `oac eval retrieval` run: file-level recall@5, recall@10 and MRR@10 for each search mode
// the index supports and for the built-in BM25 baseline on the same files. report/, gate/ and route pick read it.

export const retrievalFigures = z.object({
  questions: z.number(),
  recallAt5: z.number(),
  recallAt10: z.number(),
  mrrAt10: z.number(),
})
export type Figures = z.infer<typeof retrievalFigures>

export const retrievalSummary = z.object({
  root: z.string(),
  /** Questions mined from the history, or read from --questions. */
  source: z.enum(['history', 'questions']),
  /** The commit the tree was at (null outside git). */
  commit: z.string().nullable(),
  questions: z.number(),
  embedding: z.object({model: z.string(), endpoint: z.string()}).nullable(),
  modes: z.object({
    lexical: retrievalFigures,
    vector: retrievalFigures.optional(),
    hybrid: retrievalFigures.optional(),
  }),
  baseline: z.object({bm25: retrievalFigures}),
  /** With mined questions: commits read and the ones left out, by reason. */
  mined: z.object({scanned: z.number(), skipped: z.record(z.string(), z.number())}).optional(),
})
export type RetrievalSummary = z.infer<typeof retrievalSummary>

/** How readers see a stored summary: any figure may be missing from an old or hand-edited one. */
export const storedRetrievalSummary = z.looseObject({
  modes: z.record(z.string(), lenient(retrievalFigures)).optional().catch(undefined),
  baseline: z
    .object({bm25: lenient(retrievalFigures)})
    .partial()
    .optional()
    .catch(undefined),
  embedding: z.object({model: z.string()}).nullable().optional().catch(undefined),
})
