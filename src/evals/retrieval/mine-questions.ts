import {fileKind} from '../../rag/file-kind.js'
import {queryTerms} from '../../rag/query-terms.js'
import {type HistoryCommit, listHistory} from '../swe/mine/history.js'
import type {Question} from './questions.js'

// Questions a repository's own history asks, with no one writing any: each commit's subject and body is the
// question, the source files it changed (no tests, docs, type declarations, examples or config) are the answer, as
// SWE-bench's file-level localisation scores a fix's description against the files its patch touches (Jimenez et
// al., "SWE-bench", ICLR 2024, appendix on retrieval). The files must still exist in the indexed tree; commits that
// name no source file, touch more than MAX_GOLD (a sweeping refactor is not one question), only bump versions or
// say too little are skipped and counted by reason.

export const MAX_GOLD = 5
const MIN_WORDS = 3
const MAX_QUESTION_CHARS = 2000
const ROUTINE = /^(bump|chore\(deps|build\(deps|fix\(deps|release|revert|v?\d+\.\d+\.\d+\b|update dependenc)/i
/** Lines git and hosting services write, not the author: merge subjects and trailers. */
const MACHINE_LINE =
  /^(Merge (pull request|branch|remote-tracking branch) .*|[\w-]+-by: .*|Change-Id: .*|Co-authored-by: .*)$/i

export interface MinedQuestions {
  questions: Question[]
  /** Commits read from the history. */
  scanned: number
  /** Commits left out, by reason. */
  skipped: Record<string, number>
}

/** The words a commit says about itself, without what git or a host wrote. */
export function commitText(c: Pick<HistoryCommit, 'subject' | 'body'>): string {
  const lines = `${c.subject}\n${c.body}`.split('\n').filter((l) => !MACHINE_LINE.test(l.trim()))
  return lines.join('\n').trim().slice(0, MAX_QUESTION_CHARS)
}

/** Why a commit is not a question, or undefined when it is one (with its gold files). */
export function questionOf(c: HistoryCommit, indexed: Set<string>): {question: Question} | {skip: string} {
  const text = commitText(c)
  if (ROUTINE.test(text)) return {skip: 'release, revert or dependency bump'}
  if (queryTerms(text).words.length < MIN_WORDS) return {skip: 'says too little'}
  const gold = c.files.map((f) => f.path).filter((p) => indexed.has(p) && fileKind(p) === 'code')
  if (!gold.length) return {skip: 'changes no source file that is still here'}
  if (gold.length > MAX_GOLD) return {skip: `changes more than ${MAX_GOLD} source files`}
  return {question: {q: text, gold, type: 'history'}}
}

/** Up to `limit` questions from the newest commits (reading at most `scan` of them). */
export async function mineQuestions(
  root: string,
  indexed: Set<string>,
  o: {limit: number; scan?: number},
): Promise<MinedQuestions> {
  const commits = await listHistory(root, {limit: o.scan ?? o.limit * 5})
  const out: MinedQuestions = {questions: [], scanned: 0, skipped: {}}
  const seen = new Set<string>()
  for (const c of commits) {
    if (out.questions.length >= o.limit) break
    out.scanned++
    const r = questionOf(c, indexed)
    const reason = 'skip' in r ? r.skip : seen.has(r.question.q) ? 'same text as a newer commit' : undefined
    if (reason) out.skipped[reason] = (out.skipped[reason] ?? 0) + 1
    else if ('question' in r) {
      seen.add(r.question.q)
      out.questions.push(r.question)
    }
  }
  return out
}
