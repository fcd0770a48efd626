import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {z} from 'zod'
import {oacConfigDir} from '../../paths.js'
import {loadYaml} from '../../profiles/load-yaml.js'
import type {PickPolicy} from './types.js'

// The user's own floors for `oac route pick`, in ~/.config/oac/route-policy.yaml; flags override them per run.
// Example:
//   minDecodeTokS: 30
//   maxCodingP90TtftMs: 2000
//   agentWeights: {swe: 1, tool: 0.5}

const rate = z.number().min(0).max(1)
export const policyFileSchema = z.strictObject({
  minDecodeTokS: z.number().nonnegative().optional(),
  maxCodingP90TtftMs: z.number().positive().optional(),
  minFastToolAccuracy: rate.optional(),
  minLongContextAccuracy: rate.optional(),
  agentWeights: z.strictObject({swe: z.number().nonnegative(), tool: z.number().nonnegative()}).optional(),
})

export const policyFilePath = (dir = oacConfigDir()) => join(dir, 'route-policy.yaml')

/** The floors the user wrote down, or nothing when there is no file; a bad file names its line and field. */
export function loadPolicyFile(file = policyFilePath()): Partial<PickPolicy> {
  return existsSync(file) ? loadYaml(file, policyFileSchema) : {}
}
