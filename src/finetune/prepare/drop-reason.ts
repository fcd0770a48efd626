import {type ChangedFile, changedLines, type HistoryCommit} from '../../evals/swe/mine/history.js'
import {fileSkip} from './file-filter.js'

// Why a commit gives no training pair, decided from its log entry alone (before any file is read). The reasons a
// pair is dropped later (too many tokens, a near-duplicate, a secret in the change, held out for evaluation) are in
// the same list, so the dataset card counts every commit once. Pure.

export const DROP_REASONS = [
  'root',
  'merge',
  'revert',
  'generated-only',
  'no-code',
  'too-large',
  'held-out',
  'after-hold-out-date',
  'too-long',
  'near-duplicate',
  'secret',
  'empty',
] as const
export type DropReason = (typeof DROP_REASONS)[number]

export const DROP_TEXT: Record<DropReason, string> = {
  root: 'root commit (no base)',
  merge: 'merge commit',
  revert: 'revert',
  'generated-only': 'only lockfiles, generated, vendored or binary files',
  'no-code': 'no code or test changed (docs, config)',
  'too-large': 'change over the line budget',
  'held-out': 'in the evaluation split (commit or patch hash)',
  'after-hold-out-date': 'landed after --hold-out-after',
  'too-long': 'pair over the token budget',
  'near-duplicate': 'same change as an earlier pair',
  secret: 'the change itself holds a secret',
  empty: 'nothing left to write (mode or whitespace-only)',
}

const REVERT = /^Revert "|^Reapply "|\bThis reverts commit [0-9a-f]{7,40}/m

/** The files of a commit a pair shows, or why the commit gives no pair. */
export function commitFiles(c: HistoryCommit, maxLines: number): {files: ChangedFile[]} | {drop: DropReason} {
  if (!c.parent) return {drop: 'root'}
  if (c.merge) return {drop: 'merge'}
  if (REVERT.test(`${c.subject}\n${c.body}`)) return {drop: 'revert'}
  const files = c.files.filter((f) => !fileSkip(f))
  if (!files.length) return {drop: 'generated-only'}
  if (!files.some((f) => f.kind !== 'other')) return {drop: 'no-code'}
  if (changedLines(files) > maxLines) return {drop: 'too-large'}
  return {files}
}
