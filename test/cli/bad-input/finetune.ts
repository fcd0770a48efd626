import type {BadInput} from './types.js'

// finetune prepare, plan, compare: training pairs from a repository's history, what training them takes, and the
// tuned model measured against its base.

const prepare = (...rest: string[]) => ['finetune', 'prepare', '--out', 'pairs', ...rest]
const compare = (dataset: string, ...rest: string[]) => [
  'finetune',
  'compare',
  '--dataset',
  dataset,
  '--endpoint',
  'http://127.0.0.1:9/v1',
  '--base',
  'a',
  '--tuned',
  'b',
  ...rest,
]
const plan = (...rest: string[]) => ['finetune', 'plan', '-p', 'rtx5090', '-m', 'qwen2.5-coder-7b', ...rest]

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
  'finetune plan': [
    {
      name: 'no --profile or --model',
      kind: 'missing',
      argv: ['finetune', 'plan'],
      exit: 2,
      message: /Missing required flag/,
    },
    {
      name: 'an unknown --profile',
      kind: 'malformed',
      argv: ['finetune', 'plan', '-p', 'nope', '-m', 'qwen2.5-coder-7b'],
      exit: 2,
      message: /Unknown profile `nope`/,
    },
    {
      name: 'an unknown --model',
      kind: 'malformed',
      argv: ['finetune', 'plan', '-p', 'rtx5090', '-m', 'nosuch'],
      exit: 2,
      message: /Unknown model `nosuch`/,
    },
    {
      name: 'an unknown --method',
      kind: 'malformed',
      argv: plan('--method', 'magic'),
      exit: 2,
      message: /--method=magic to be one of: qlora, lora/,
    },
    {
      name: '--seq-len below 128',
      kind: 'malformed',
      argv: plan('--seq-len', '10'),
      exit: 2,
      message: /--seq-len/,
    },
    {
      name: '--data a file that does not exist',
      kind: 'missing',
      argv: plan('--data', '/nonexistent.json'),
      exit: 2,
      message: /--data \/nonexistent\.json: no such file/,
    },
    {
      name: '--data a file that is not JSON',
      kind: 'malformed',
      argv: (s) => plan('--data', s.file('card.json', '{"tokens": ')),
      exit: 2,
      message: /card\.json: expected the card\.json of oac finetune prepare/,
    },
    {
      name: '--data JSON without tokens',
      kind: 'wrong type',
      argv: (s) => plan('--data', s.file('card.json', '{"pairs": 3}')),
      exit: 2,
      message: /no tokens\.total/,
    },
    {
      name: '--out a file, not a folder',
      kind: 'wrong type',
      argv: (s) => plan('--out', s.file('scripts', 'x')),
      exit: 2,
      message: /scripts is a file, not a folder/,
    },
    {
      name: '--out under /proc',
      kind: 'unreachable',
      argv: plan('--out', '/proc/nope/scripts'),
      exit: 2,
      message: /\/proc\/nope\/scripts/,
    },
  ],
  'finetune compare': [
    {
      name: 'no --dataset, --endpoint, --base or --tuned',
      kind: 'missing',
      argv: ['finetune', 'compare'],
      exit: 2,
      message: /Missing required flag/,
    },
    {
      name: '--dataset a file that does not exist',
      kind: 'missing',
      argv: compare('/nonexistent.jsonl'),
      exit: 2,
      message: /\/nonexistent\.jsonl: no such file/,
    },
    {
      name: '--dataset an empty file',
      kind: 'empty',
      argv: (s) => compare(s.file('tasks.jsonl', '')),
      exit: 2,
      message: /tasks\.jsonl: no instances/,
    },
    {
      name: '--jobs 0',
      kind: 'malformed',
      argv: (s) => compare(s.file('tasks.jsonl', ''), '--jobs', '0'),
      exit: 2,
      message: /--jobs/,
    },
    {
      name: '--max-turns not a number',
      kind: 'wrong type',
      argv: (s) => compare(s.file('tasks.jsonl', ''), '--max-turns', 'many'),
      exit: 2,
      message: /--max-turns/,
    },
  ],
}
