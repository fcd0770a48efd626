import {Args, Flags} from '@oclif/core'
import {prose} from '../../cli/prose.js'
import {UsageError} from '../../errors.js'
import {parseDate} from '../../evals/swe/mine/hold-out.js'
import type {PrepareOptions} from './prepare.js'

// `oac finetune prepare`'s help, arguments and flags, and the flags turned into options (pure): a bad date is bad
// input (exit 2) before any commit is read.

export const PREPARE_DESCRIPTION =
  prose(`Walks the repository's first-parent history (the same walk as \`oac eval swe mine\`), oldest
first, and turns each commit into a chat \`messages\` pair (JSONL as TRL, Unsloth and axolotl read it): the task is
the commit message (with the failing tests' names when --mined names them), the context the touched files as they
were before the change (within --context-tokens), the target the change as oac's own tool calls (edit, write; the
tool schemas go in \`tools\`) or a unified diff (--target diff). Merges, reverts, lockfile/generated/vendored/binary-
only changes, docs-only changes, changes over --max-lines, pairs over --max-tokens and near-duplicates are dropped
and counted. Secrets in the context are redacted by the agent's scanner; a change that itself holds one is dropped.
With --mined, every task of the evaluation split (by commit and by patch hash) is kept out, and the written pairs are
checked again (exit 1, nothing written, if one got through). Writes pairs.jsonl, pairs.index.jsonl (commit, patch
hash, tokens per pair), card.json and card.md (the dataset card) into --out. Exit 0 done, 1 split check failed, 2
bad input, 130 interrupted (what was made so far is written, marked partial).`)

export const PREPARE_EXAMPLES = [
  '<%= config.bin %> finetune prepare --out ft/',
  '<%= config.bin %> finetune prepare ~/code/lib --out ft/ --mined tasks.jsonl --hold-out-after 2025-06-01',
  '<%= config.bin %> finetune prepare --out ft/ --target diff --max-tokens 4096 --json',
]

export const prepareArgs = {
  path: Args.string({default: '.', description: 'the git repository (default: the current folder)'}),
}

export const prepareFlags = {
  out: Flags.string({required: true, description: 'folder for pairs.jsonl and the dataset card'}),
  target: Flags.string({options: ['tools', 'diff'], default: 'tools', description: 'what the model learns to write'}),
  'max-lines': Flags.integer({min: 1, default: 400, description: 'drop changes over this many changed lines'}),
  'max-tokens': Flags.integer({min: 256, default: 8192, description: 'drop pairs over this many tokens'}),
  'context-tokens': Flags.integer({min: 0, default: 6000, description: 'token budget for the files shown'}),
  since: Flags.string({description: 'only commits that landed on or after this date (YYYY-MM-DD)'}),
  until: Flags.string({description: 'only commits that landed before this date'}),
  limit: Flags.integer({min: 1, description: 'the newest N commits'}),
  mined: Flags.string({description: 'a dataset from `oac eval swe mine`: its eval split is never trained on'}),
  'hold-out-after': Flags.string({description: 'also leave out every commit that landed after this date'}),
}

export interface PrepareFlags {
  out: string
  target: string
  'max-lines': number
  'max-tokens': number
  'context-tokens': number
  since?: string | undefined
  until?: string | undefined
  limit?: number | undefined
  mined?: string | undefined
  'hold-out-after'?: string | undefined
}

function date(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && parseDate(value) === undefined)
    throw new UsageError(`Expected --${flag} to be a date (YYYY-MM-DD), got \`${value}\``)
  return value
}

export function toPrepareOptions(path: string, f: PrepareFlags, command: string, signal: AbortSignal): PrepareOptions {
  return {
    path,
    out: f.out,
    target: f.target === 'diff' ? 'diff' : 'tools',
    maxLines: f['max-lines'],
    maxTokens: f['max-tokens'],
    contextTokens: f['context-tokens'],
    since: date('since', f.since),
    until: date('until', f.until),
    limit: f.limit,
    mined: f.mined,
    holdOutAfter: date('hold-out-after', f['hold-out-after']),
    command,
    signal,
  }
}
