import type {Candidate} from './types.js'

// The command that would supply a missing figure, with the candidate's own endpoint and model filled in, so a user
// can paste it. Never a guess at the figure itself.
const target = (c: Candidate) => `--endpoint ${c.endpointUrl} --model ${c.model}`

export const hint = {
  decode: (c: Candidate) => `oac bench ${target(c)} --concurrency 1`,
  codingTtft: (c: Candidate) => `oac bench ${target(c)} --dataset coding --concurrency 1`,
  toolCalling: (c: Candidate) => `oac eval tool-calling ${target(c)}`,
  longContext: (c: Candidate) => `oac eval tool-calling ${target(c)} --category long_context`,
  swe: (c: Candidate) => `oac eval swe ${target(c)}`,
}
