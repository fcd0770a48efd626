import {z} from 'zod'
import {lenient} from '../util/lenient-schema.js'
import {benchPoint} from './metrics.js'
import {microResult} from './micro.js'

// The stored summary of an `oac bench` run (runs.summary): one entry per point of the sweep, or per micro test.

export const benchSummary = z.object({runs: z.array(z.union([benchPoint, microResult]))})
export type BenchSummary = z.infer<typeof benchSummary>

/** How readers (report, gate) see a stored summary: a `runs` list whose entries are read one by one. */
export const storedBenchSummary = z.looseObject({runs: z.array(z.unknown())})

/** A stored micro result; runs saved before oac used llama-bench's names hold tokens_per_s and std_tokens_per_s. */
export const storedMicroResult = lenient(microResult).extend({
  test: z.string(),
  tokens_per_s: z.number().optional().catch(undefined),
  std_tokens_per_s: z.number().optional().catch(undefined),
})

/** A stored point of a sweep: any figure may be missing. */
export const storedBenchPoint = lenient(benchPoint)
