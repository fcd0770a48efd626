import {DROP_REASONS, DROP_TEXT, type DropReason} from './drop-reason.js'
import type {Histogram} from './histogram.js'
import type {SplitCheck} from './split-check.js'

// The dataset card written beside the pairs (card.json for tools, card.md for people): what was kept and dropped
// and why, how long the pairs are, the dates they span, the repository's license, the split check, and the exact
// command that made it. Pure.

export interface DatasetCard {
  repo: string
  head: string
  command: string
  target: 'tools' | 'diff'
  status: 'complete' | 'partial'
  commits_scanned: number
  kept: number
  dropped: Partial<Record<DropReason, number>>
  /** Pairs whose context had a secret redacted (kept: the secret is gone, the change is not about it). */
  context_redactions: number
  tokens: Histogram & {tokenizer: string; total: number}
  dates: {first: string; last: string} | null
  license: string
  split: SplitCheck & {source: string | null; hold_out_after: string | null}
  files: {pairs: string; index: string}
}

export function renderCard(c: DatasetCard): string {
  const drops = DROP_REASONS.filter((r) => c.dropped[r]).map((r) => `| ${DROP_TEXT[r]} | ${c.dropped[r]} |`)
  const buckets = c.tokens.buckets.map((b) => `| ${b.le === null ? 'longer' : `≤ ${b.le}`} | ${b.count} |`)
  return [
    `# Training pairs from ${c.repo}`,
    '',
    `${c.kept} pairs kept of ${c.commits_scanned} commits scanned (target: ${c.target === 'tools' ? "oac's tool calls" : 'unified diff'})${c.status === 'partial' ? ', interrupted: partial' : ''}.`,
    `Head ${c.head}; changes from ${c.dates ? `${c.dates.first} to ${c.dates.last}` : 'no date (nothing kept)'}. License: ${c.license}.`,
    '',
    '## Dropped',
    '',
    '| reason | commits |',
    '| --- | --- |',
    ...(drops.length ? drops : ['| (none) | 0 |']),
    '',
    `Secrets redacted from the context of ${c.context_redactions} kept pairs.`,
    '',
    `## Tokens per pair (${c.tokens.tokenizer})`,
    '',
    `total ${c.tokens.total}, p50 ${c.tokens.p50}, p95 ${c.tokens.p95}, max ${c.tokens.max}`,
    '',
    '| tokens | pairs |',
    '| --- | --- |',
    ...buckets,
    '',
    '## Split check',
    '',
    c.split.source || c.split.hold_out_after
      ? `${c.split.pairs_checked} pairs checked against ${c.split.eval_commits} evaluation commits and ${c.split.eval_patches} patch hashes${c.split.source ? ` (${c.split.source})` : ''}${c.split.hold_out_after ? `; nothing after ${c.split.hold_out_after}` : ''}: ${c.split.leaked.length} found.`
      : 'No evaluation split given (--mined, --hold-out-after): nothing to check against.',
    '',
    '## Made by',
    '',
    `    ${c.command}`,
    '',
  ].join('\n')
}
