import {execFileSync} from 'node:child_process'
import type {BadInput, Sandbox} from './types.js'

// index, search, eval retrieval: the code index, its queries and the measure of its answers.

/** Makes the sandbox's folder a git repository, so the index accepts it as a project. */
const repo = (s: Sandbox) => {
  s.file('src/a.ts', 'export const a = 1\n')
  execFileSync('git', ['init', '-q'], {cwd: s.cwd})
}
const retrieval = (s: Sandbox, questions: string) => [
  'eval',
  'retrieval',
  s.cwd,
  '--questions',
  s.file('questions.json', questions),
]
const SHAPE = /expected a JSON array of \{"q": "question", "gold"/

export const codeSearchRows: Record<string, BadInput[]> = {
  index: [
    {
      name: 'a folder that does not exist',
      kind: 'missing',
      argv: ['index', '/nonexistent'],
      exit: 2,
      message: /\/nonexistent is not a directory/,
    },
    {
      name: 'a file, not a folder',
      kind: 'wrong type',
      argv: (s) => ['index', s.file('a.txt', 'x')],
      exit: 2,
      message: /a\.txt is not a directory/,
    },
    {
      name: '--endpoint not a URL',
      kind: 'malformed',
      setup: repo,
      argv: ['index', '--endpoint', 'notaurl', '--model', 'e'],
      exit: 2,
      message: /--endpoint to be an http\(s\) URL/,
    },
    {
      name: '--endpoint without --model',
      kind: 'missing',
      setup: repo,
      argv: (s) => ['index', '--endpoint', s.simUrl],
      exit: 2,
      message: /--model/,
    },
    {
      name: '--endpoint and --engine both',
      kind: 'malformed',
      setup: repo,
      argv: (s) => ['index', '--endpoint', s.simUrl, '--engine', 'x', '--model', 'e'],
      exit: 2,
      message: /not both/,
    },
    {
      name: '--engine that is not registered',
      kind: 'missing',
      setup: repo,
      argv: ['index', '--engine', 'nosuch'],
      exit: 2,
      message: /nosuch/,
    },
    {
      name: 'an embedding endpoint nothing listens on',
      kind: 'unreachable',
      setup: repo,
      argv: (s) => ['index', '--endpoint', s.closedUrl, '--model', 'e'],
      exit: 1,
      message: /127\.0\.0\.1:9/,
    },
  ],
  search: [
    {
      name: 'no index here',
      kind: 'missing',
      setup: repo,
      argv: ['search', 'retries'],
      exit: 2,
      message: /No code index/,
    },
    {name: 'no query', kind: 'missing', argv: ['search'], exit: 2, message: /query/},
    {name: 'an empty query', kind: 'empty', setup: repo, argv: ['search', ''], exit: 2, message: /query|No code index/},
    {name: '--k 0', kind: 'malformed', argv: ['search', 'x', '--k', '0'], exit: 2, message: /--k/},
    {name: '--k not a number', kind: 'wrong type', argv: ['search', 'x', '--k', 'ten'], exit: 2, message: /--k/},
    {
      name: 'an unknown --mode',
      kind: 'malformed',
      argv: ['search', 'x', '--mode', 'fuzzy'],
      exit: 2,
      message: /--mode/,
    },
  ],
  'eval retrieval': [
    {
      name: 'a folder that does not exist',
      kind: 'missing',
      argv: ['eval', 'retrieval', '/nonexistent'],
      exit: 2,
      message: /\/nonexistent is not a folder/,
    },
    {
      name: 'a folder outside any git repository',
      kind: 'wrong type',
      argv: ['eval', 'retrieval'],
      exit: 2,
      message: /is not in a git repository/,
    },
    {
      name: '--questions a file that does not exist',
      kind: 'missing',
      setup: repo,
      argv: (s) => ['eval', 'retrieval', s.cwd, '--questions', '/nonexistent.json'],
      exit: 2,
      message: /questions file \/nonexistent\.json does not exist/,
    },
    {
      name: '--questions an empty file',
      kind: 'empty',
      setup: repo,
      argv: (s) => retrieval(s, ''),
      exit: 2,
      message: /questions\.json is not JSON/,
    },
    {
      name: '--questions a file that is not JSON',
      kind: 'malformed',
      setup: repo,
      argv: (s) => retrieval(s, '[{"q": '),
      exit: 2,
      message: /questions\.json is not JSON/,
    },
    {
      name: '--questions an empty list',
      kind: 'empty',
      setup: repo,
      argv: (s) => retrieval(s, '[]'),
      exit: 2,
      message: SHAPE,
    },
    {
      name: '--questions an object, not a list',
      kind: 'wrong type',
      setup: repo,
      argv: (s) => retrieval(s, '{"q": "where"}'),
      exit: 2,
      message: SHAPE,
    },
    {
      name: '--questions a question that is a number',
      kind: 'wrong type',
      setup: repo,
      argv: (s) => retrieval(s, '[{"q": 1, "gold": ["src/a.ts"]}]'),
      exit: 2,
      message: /\[0\]\.q/,
    },
    {
      name: '--questions a question without gold files',
      kind: 'empty',
      setup: repo,
      argv: (s) => retrieval(s, '[{"q": "where is a", "gold": []}]'),
      exit: 2,
      message: /\[0\]\.gold/,
    },
    {
      name: '--limit 0',
      kind: 'malformed',
      setup: repo,
      argv: ['eval', 'retrieval', '--limit', '0'],
      exit: 2,
      message: /--limit/,
    },
    {
      name: '--endpoint not a URL',
      kind: 'malformed',
      setup: repo,
      argv: ['eval', 'retrieval', '--endpoint', 'notaurl', '--model', 'e'],
      exit: 2,
      message: /--endpoint to be an http\(s\) URL/,
    },
    {
      name: '--endpoint without --model',
      kind: 'missing',
      setup: repo,
      argv: (s) => ['eval', 'retrieval', '--endpoint', s.simUrl],
      exit: 2,
      message: /--model is required with --endpoint/,
    },
    {
      name: '--engine that is not registered',
      kind: 'missing',
      setup: repo,
      argv: ['eval', 'retrieval', '--engine', 'nosuch'],
      exit: 2,
      message: /No registered endpoint "nosuch"/,
    },
  ],
}
