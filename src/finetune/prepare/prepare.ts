import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {loadDataset} from '../../evals/swe/dataset.js'
import {GitError, git} from '../../evals/swe/git.js'
import {type HistoryCommit, listHistory, splitChange} from '../../evals/swe/mine/history.js'
import {type HeldOut, heldOutOf} from '../../evals/swe/mine/hold-out.js'
import {countTokens} from '../../llm/tokenizer.js'
import {packageRoot} from '../../paths.js'
import {looksLikeSecret, redactSecrets} from '../../store/redact.js'
import {type DatasetCard, renderCard} from './card.js'
import {commitFiles, type DropReason} from './drop-reason.js'
import {histogram} from './histogram.js'
import {identifyLicense, LICENSE_FILES} from './license.js'
import {changeKey} from './near-duplicate.js'
import {buildPair, type Pair, type Target, targetText} from './pair.js'
import {checkSplit, isEvalChange, originOf, type PairOrigin, SplitLeakError} from './split-check.js'

// `oac finetune prepare`: training pairs from a repository's history. It walks the same first-parent history the
// SWE miner walks (src/evals/swe/mine/history.ts), oldest first, and for each commit either writes a pair or counts
// why not. Reads the repository with git only (never its work tree); writes nothing but the output folder, and that
// only at the end, after the split check.

export interface PrepareOptions {
  path: string
  out: string
  target: Target
  maxLines: number
  maxTokens: number
  contextTokens: number
  since?: string | undefined
  until?: string | undefined
  limit?: number | undefined
  /** A dataset from `oac eval swe mine`: its eval split is held out, its train split names failing tests. */
  mined?: string | undefined
  holdOutAfter?: string | undefined
  command: string
  signal?: AbortSignal | undefined
}

export type PrepareEvent = {type: 'start'; total: number} | {type: 'commit'; done: number; kept: number}

const SYSTEM_PROMPT_FILE = join(packageRoot, 'evals', 'finetune', 'system-prompt.txt')
const TRAILER = /^[A-Za-z-]+: .+$/

function commitMessage(c: HistoryCommit): string {
  const lines = c.body.split('\n')
  while (lines.length && (TRAILER.test(lines.at(-1) ?? '') || !lines.at(-1)?.trim())) lines.pop()
  return [c.subject, lines.join('\n').trim()].filter(Boolean).join('\n\n')
}

async function show(repo: string, rev: string, path: string): Promise<string | null> {
  try {
    return await git(repo, ['show', `${rev}:${path}`])
  } catch (error) {
    if (error instanceof GitError) return null
    throw error
  }
}

async function license(repo: string): Promise<string> {
  let text: string | undefined
  for (const name of LICENSE_FILES) text ??= (await show(repo, 'HEAD', name)) ?? undefined
  return identifyLicense(text, (await show(repo, 'HEAD', 'package.json')) ?? undefined)
}

function heldOutFrom(mined: string | undefined): {held: HeldOut; tests: Map<string, string[]>} {
  if (!mined) return {held: {commits: new Set(), patches: new Set()}, tests: new Map()}
  const tasks = loadDataset(mined)
  const tests = new Map(tasks.flatMap((t) => (t.commit && t.split !== 'eval' ? [[t.commit, t.FAIL_TO_PASS]] : [])))
  return {held: heldOutOf(tasks), tests}
}

const pairTokens = (p: Pair) =>
  p.messages.reduce(
    (n, m) =>
      n +
      countTokens(m.content) +
      (m.tool_calls ?? []).reduce((k, c) => k + countTokens(JSON.stringify(c.function)), 0),
    0,
  )

const pairStrings = (p: Pair) =>
  p.messages.flatMap((m) => [m.content, ...(m.tool_calls ?? []).map((c) => JSON.stringify(c.function.arguments))])

export async function prepare(o: PrepareOptions, onEvent: (e: PrepareEvent) => void = () => {}): Promise<DatasetCard> {
  const repo = resolve(o.path)
  const head = (await git(repo, ['rev-parse', 'HEAD'])).trim()
  const {held, tests} = heldOutFrom(o.mined)
  const cutoff = o.holdOutAfter ? Date.parse(o.holdOutAfter) : undefined
  const system = readFileSync(SYSTEM_PROMPT_FILE, 'utf8').trim()
  const commits = (await listHistory(repo, {since: o.since, until: o.until, limit: o.limit})).reverse()
  onEvent({type: 'start', total: commits.length})
  const dropped: Partial<Record<DropReason, number>> = {}
  const drop = (r: DropReason) => {
    dropped[r] = (dropped[r] ?? 0) + 1
  }
  const lines: string[] = []
  const index: (PairOrigin & {date: string; tokens: number})[] = []
  const seen = new Set<string>()
  let redactions = 0
  let done = 0
  for (const c of commits) {
    if (o.signal?.aborted) break
    onEvent({type: 'commit', done: done++, kept: lines.length})
    const picked = commitFiles(c, o.maxLines)
    if ('drop' in picked) {
      drop(picked.drop)
      continue
    }
    if (cutoff !== undefined && Date.parse(c.date) > cutoff) {
      drop('after-hold-out-date')
      continue
    }
    const {patch} = await splitChange(repo, c)
    const origin = originOf(c.sha, patch)
    if (isEvalChange(held, origin)) {
      drop('held-out')
      continue
    }
    const paths = picked.files.map((f) => f.path)
    const diff = await git(repo, [
      'diff',
      '--no-renames',
      '--no-color',
      '--no-ext-diff',
      c.parent as string,
      c.sha,
      '--',
      ...paths.map((p) => `:(literal)${p}`),
    ])
    const key = changeKey(diff)
    if (seen.has(key)) {
      drop('near-duplicate')
      continue
    }
    const files = await Promise.all(
      paths.map(async (path) => ({
        path,
        before: await show(repo, c.parent as string, path),
        after: await show(repo, c.sha, path),
      })),
    )
    let redacted = false
    const redact = (text: string) => {
      const out = redactSecrets(text)
      redacted ||= out !== text
      return out
    }
    const pair = buildPair(
      {message: redact(commitMessage(c)), tests: tests.get(c.sha) ?? [], files, diff},
      o.target,
      system,
      o.contextTokens,
      redact,
    )
    const tokens = pairTokens(pair)
    if (!targetText(pair).trim()) drop('empty')
    else if (looksLikeSecret(targetText(pair)) || pairStrings(pair).some(looksLikeSecret)) drop('secret')
    else if (tokens > o.maxTokens) drop('too-long')
    else {
      seen.add(key)
      if (redacted) redactions++
      lines.push(JSON.stringify(pair))
      index.push({...origin, date: c.date, tokens})
    }
  }
  const split = checkSplit(index, held)
  if (split.leaked.length) throw new SplitLeakError(split)
  const lengths = index.map((i) => i.tokens)
  const card: DatasetCard = {
    repo,
    head,
    command: o.command,
    target: o.target,
    status: o.signal?.aborted ? 'partial' : 'complete',
    commits_scanned: done,
    kept: lines.length,
    dropped,
    context_redactions: redactions,
    tokens: {
      ...histogram(lengths),
      tokenizer: 'cl100k_base (an approximation of the model tokenizer)',
      total: lengths.reduce((a, b) => a + b, 0),
    },
    dates: index.length ? {first: index[0]?.date ?? '', last: index.at(-1)?.date ?? ''} : null,
    license: await license(repo),
    split: {...split, source: o.mined ?? null, hold_out_after: o.holdOutAfter ?? null},
    files: {pairs: 'pairs.jsonl', index: 'pairs.index.jsonl'},
  }
  writeOut(o.out, {
    'pairs.jsonl': lines.map((l) => `${l}\n`).join(''),
    'pairs.index.jsonl': index.map((i) => `${JSON.stringify(i)}\n`).join(''),
    'card.json': `${JSON.stringify(card, null, 2)}\n`,
    'card.md': renderCard(card),
  })
  return card
}

/** Each file written beside its final name, then renamed: a reader never sees half a dataset. */
function writeOut(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, {recursive: true})
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, `.${name}.tmp`), text)
    renameSync(join(dir, `.${name}.tmp`), join(dir, name))
  }
}
