// The shapes the code index passes around: chunks of files, and why a file was left out.

/** One piece of a file: a symbol (function, method, class, ...) or a window of lines. Lines are 1-based. */
export interface Chunk {
  path: string
  /** Qualified name (`Class.method`), or '' for a window of lines. */
  symbol: string
  /** function, method, class, interface, type, struct, ..., section (markdown), lines (a window). */
  kind: string
  /** The declaration up to its body, whitespace collapsed ('' for windows). */
  signature: string
  startLine: number
  endLine: number
  text: string
}

/** `secret`: a dotenv, key or credential file (whatever .gitignore says); `outside`: a symlink out of the project. */
export type SkipReason = 'binary' | 'huge' | 'generated' | 'unreadable' | 'secret' | 'outside'

export interface SkippedFile {
  path: string
  reason: SkipReason
  detail: string
}
