import type {BadInput} from './types.js'

// finetune prepare: training pairs from a repository's history.

const prepare = (...rest: string[]) => ['finetune', 'prepare', '--out', 'pairs', ...rest]

export const finetuneRows: Record<string, BadInput[]> = {
  'finetune prepare': [
    {
      name: 'no --out',
      kind: 'missing',
      argv: ['finetune', 'prepare'],
      exit: 2,
      message: /Missing required flag out/,
    },
    {
      name: 'a folder that does not exist',
      kind: 'missing',
      argv: ['finetune', 'prepare', '/nonexistent', '--out', 'pairs'],
      exit: 2,
      message: /\/nonexistent is not in a git repository/,
    },
    {
      name: 'a folder that is not a git repository',
      kind: 'wrong type',
      argv: prepare(),
      exit: 2,
      message: /is not in a git repository/,
    },
    {
      name: 'an unknown --target',
      kind: 'malformed',
      argv: prepare('--target', 'poems'),
      exit: 2,
      message: /--target=poems to be one of: tools, diff/,
    },
    {
      name: '--since not a date',
      kind: 'malformed',
      argv: prepare('--since', 'soon'),
      exit: 2,
      message: /--since to be a date \(YYYY-MM-DD\)/,
    },
    {
      name: '--max-tokens below 256',
      kind: 'malformed',
      argv: prepare('--max-tokens', '10'),
      exit: 2,
      message: /--max-tokens/,
    },
    {
      name: '--limit not a number',
      kind: 'wrong type',
      argv: prepare('--limit', 'all'),
      exit: 2,
      message: /--limit/,
    },
  ],
}
