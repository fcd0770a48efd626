import {statSync} from 'node:fs'
import {Flags} from '@oclif/core'
import {prose} from '../../cli/prose.js'
import {UsageError} from '../../errors.js'
import type {CompareOptions} from './compare.js'

// `oac finetune compare`'s help and flags, and the flags as options (pure).

export const COMPARE_DESCRIPTION =
  prose(`Runs \`oac eval swe\` on the held-out tasks (the eval split of a dataset from \`oac eval swe mine
--hold-out-after\`, or every task when it has no split) and \`oac eval tool-calling\` against both models, pairs the
tasks judged for both, and prints the difference in resolved rate with a 95% paired bootstrap interval over tasks.
Verdict by declared rules: "regressed" when tool calling falls more than 5 points or the whole interval is below
zero; "keep" when the whole interval is above zero; otherwise "no measurable gain". Both runs are stored like any
eval run. Exit 0 keep, 1 no measurable gain or regressed, 2 bad input or nothing measured (n/a), 130 interrupted.`)

export const COMPARE_EXAMPLES = [
  '<%= config.bin %> finetune compare --dataset tasks.jsonl --endpoint http://127.0.0.1:8000 --base Qwen/Qwen2.5-Coder-7B-Instruct --tuned coder-tuned',
  '<%= config.bin %> finetune compare --dataset tasks.jsonl --endpoint http://a:8000 --tuned-endpoint http://b:8080 --base base --tuned tuned --json',
]

export const compareFlags = {
  dataset: Flags.string({required: true, description: 'the mined dataset (JSONL); its eval split is compared'}),
  repos: Flags.string({description: "where oac keeps the repositories (eval swe's --repos)"}),
  endpoint: Flags.string({required: true, description: "the base model's endpoint (OpenAI-compatible)"}),
  'tuned-endpoint': Flags.string({
    description: "the tuned model's endpoint (default: --endpoint, as vLLM serves both)",
  }),
  base: Flags.string({required: true, description: 'the base model name'}),
  tuned: Flags.string({required: true, description: 'the tuned model name (the adapter as served)'}),
  agent: Flags.string({default: 'builtin', description: "eval swe's agent: builtin, or 'cmd:TEMPLATE'"}),
  jobs: Flags.integer({char: 'j', min: 1, default: 1, description: 'attempts in parallel'}),
  'max-turns': Flags.integer({min: 1, default: 50, description: 'built-in agent: model requests per task'}),
  'tool-limit': Flags.integer({min: 1, description: 'tool-calling cases per model (default: the whole suite)'}),
}

export function toCompareOptions(
  f: {
    dataset: string
    repos?: string | undefined
    endpoint: string
    'tuned-endpoint'?: string | undefined
    base: string
    tuned: string
    agent: string
    jobs: number
    'max-turns': number
    'tool-limit'?: number | undefined
  },
  signal: AbortSignal,
): CompareOptions {
  // Checked before either model is run: a typo is bad input (exit 2), not a half-done comparison.
  if (!statSync(f.dataset, {throwIfNoEntry: false})?.isFile())
    throw new UsageError(`--dataset ${f.dataset}: no such file (a JSONL dataset from oac eval swe mine)`)
  for (const [flag, url] of [
    ['endpoint', f.endpoint],
    ['tuned-endpoint', f['tuned-endpoint']],
  ] as const)
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url))
      throw new UsageError(`Expected --${flag} to be an http(s) URL, got \`${url}\``)
  return {
    dataset: f.dataset,
    reposDir: f.repos,
    endpoint: f.endpoint,
    tunedEndpoint: f['tuned-endpoint'],
    base: f.base,
    tuned: f.tuned,
    agent: f.agent,
    concurrency: f.jobs,
    maxTurns: f['max-turns'],
    toolLimit: f['tool-limit'],
    signal,
  }
}
