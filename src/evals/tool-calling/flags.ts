import {Flags} from '@oclif/core'

/** The flags of `oac eval tool-calling`. */
export const toolCallingFlags = {
  endpoint: Flags.string({description: 'OpenAI base URL (with or without /v1)'}),
  engine: Flags.string({description: 'a registered endpoint (name or id) instead of --endpoint'}),
  model: Flags.string({description: 'model id as the server serves it'}),
  category: Flags.string({
    description: "comma-separated categories (default: all; with --import, the file's BFCL categories)",
  }),
  limit: Flags.integer({min: 1, description: 'first N cases of each category'}),
  repeat: Flags.integer({min: 1, default: 1, description: 'attempts per case, for pass^k and flakiness'}),
  mode: Flags.string({options: ['native', 'text', 'constrained'], default: 'native'}),
  concurrency: Flags.integer({min: 1, default: 4, description: 'cases in flight at once'}),
  'retry-on-error': Flags.integer({
    min: 0,
    default: 0,
    description: 'feed validation errors back up to N times (reported apart: the headline stays first-try accuracy)',
  }),
  import: Flags.string({description: 'bfcl:QUESTIONS.json[,ANSWERS.json] instead of the built-in suite'}),
  save: Flags.boolean({default: true, allowNo: true, description: 'save the run to the results store'}),
}
