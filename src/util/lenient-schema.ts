import {z} from 'zod'

// A reader's view of a stored object: summaries written by older versions of oac, or baselines edited by hand, may
// lack a figure or hold one of the wrong type. Readers want the figures that are there, not a parse error.

export type LenientShape<S extends z.ZodRawShape> = {[K in keyof S]: z.ZodCatch<z.ZodOptional<S[K]>>}

/** `schema` with every field optional and a field of the wrong type read as absent; unknown fields are kept. */
export function lenient<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<LenientShape<S>, z.core.$loose> {
  const shape: Record<string, z.ZodType> = {}
  for (const [key, field] of Object.entries(schema.shape)) shape[key] = (field as z.ZodType).optional().catch(undefined)
  return z.looseObject(shape) as unknown as z.ZodObject<LenientShape<S>, z.core.$loose>
}
