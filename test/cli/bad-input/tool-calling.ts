import type {BadInput, Sandbox} from './types.js'

// eval tool-calling: the tool-calling suite run against an endpoint, and the files it imports.

const tools = (s: Sandbox, ...rest: string[]) => [
  'eval',
  'tool-calling',
  '--endpoint',
  s.simUrl,
  '--model',
  'm',
  ...rest,
]

export const toolCallingRows: Record<string, BadInput[]> = {
  'eval tool-calling': [
    {
      name: 'neither --endpoint nor --engine',
      kind: 'missing',
      argv: ['eval', 'tool-calling'],
      exit: 2,
      message: /Give --endpoint URL/,
    },
    {
      name: '--endpoint not a URL',
      kind: 'malformed',
      argv: ['eval', 'tool-calling', '--endpoint', 'localhost', '--model', 'm'],
      exit: 2,
      message: /--endpoint to be an http\(s\) URL/,
    },
    {
      name: '--engine that is not registered',
      kind: 'missing',
      argv: ['eval', 'tool-calling', '--engine', 'nosuch'],
      exit: 2,
      message: /No registered endpoint "nosuch"/,
    },
    {
      name: 'an endpoint nothing listens on',
      kind: 'unreachable',
      argv: (s) => ['eval', 'tool-calling', '--endpoint', s.closedUrl, '--model', 'm'],
      exit: 1,
      message: /127\.0\.0\.1:9/,
    },
    {
      name: 'a model the endpoint does not serve',
      kind: 'missing',
      argv: (s) => ['eval', 'tool-calling', '--endpoint', s.simUrl, '--model', 'nope'],
      exit: 1,
      message: /nope/,
    },
    {
      name: 'an unknown --category',
      kind: 'malformed',
      argv: (s) => tools(s, '--category', 'poetry'),
      exit: 2,
      message: /poetry/,
    },
    {
      name: 'an empty --category',
      kind: 'empty',
      argv: (s) => tools(s, '--category', ','),
      exit: 2,
      message: /categor/i,
    },
    {name: 'an unknown --mode', kind: 'malformed', argv: (s) => tools(s, '--mode', 'json'), exit: 2, message: /--mode/},
    {name: '--limit 0', kind: 'malformed', argv: (s) => tools(s, '--limit', '0'), exit: 2, message: /--limit/},
    {
      name: '--repeat not a number',
      kind: 'wrong type',
      argv: (s) => tools(s, '--repeat', 'twice'),
      exit: 2,
      message: /--repeat/,
    },
    {
      name: '--concurrency 0',
      kind: 'malformed',
      argv: (s) => tools(s, '--concurrency', '0'),
      exit: 2,
      message: /--concurrency/,
    },
    {
      name: '--retry-on-error negative',
      kind: 'malformed',
      argv: (s) => tools(s, '--retry-on-error', '-1'),
      exit: 2,
      message: /--retry-on-error/,
    },
    {
      name: '--import a file that does not exist',
      kind: 'missing',
      argv: (s) => tools(s, '--import', 'bfcl:/nonexistent.json'),
      exit: 2,
      message: /\/nonexistent\.json/,
    },
    {
      name: '--import an empty file',
      kind: 'empty',
      argv: (s) => tools(s, '--import', `bfcl:${s.file('BFCL_v3_simple.json', '')}`),
      exit: 2,
      message: /BFCL_v3_simple\.json/,
    },
    {
      name: '--import a file that is not JSON lines',
      kind: 'malformed',
      argv: (s) => tools(s, '--import', `bfcl:${s.file('BFCL_v3_simple.json', '{"id": ')}`),
      exit: 2,
      message: /BFCL_v3_simple\.json/,
    },
    {
      name: '--import a multi-turn file',
      kind: 'wrong type',
      argv: (s) => tools(s, '--import', `bfcl:${s.file('BFCL_v3_multi_turn_base.json', '{"id": "x"}\n')}`),
      exit: 2,
      message: /multi/i,
    },
    {
      name: '--import in an unknown format',
      kind: 'malformed',
      argv: (s) => tools(s, '--import', `xlsx:${s.file('cases.xlsx', 'x')}`),
      exit: 2,
      message: /--import/,
    },
  ],
}
