import {redactSecrets} from '../../../store/redact.js'
import type {TestReport} from '../test-results.js'

// The problem statement of a mined task, the way an issue would put it: the commit message (what was wrong or
// wanted), then the tests that fail and their assertion messages. Never the fix: no diff, no line of the patch.
// Trailers (Signed-off-by, Co-authored-by…) are dropped; secrets are redacted. Pure.

const TRAILER = /^[A-Za-z-]+: .+$/
const MAX_MESSAGE = 400
const MAX_TESTS = 10

function message(subject: string, body: string): string {
  const lines = body.split('\n')
  while (lines.length && (TRAILER.test(lines.at(-1) ?? '') || !lines.at(-1)?.trim())) lines.pop()
  return [subject.trim(), lines.join('\n').trim()].filter(Boolean).join('\n\n')
}

function firstLines(text: string): string {
  const kept = text
    .split('\n')
    .filter((l) => l.trim() && !/^\s+at /.test(l))
    .slice(0, 6)
    .join('\n')
  return kept.length > MAX_MESSAGE ? `${kept.slice(0, MAX_MESSAGE)}…` : kept
}

/**
 * `before` is the report of the tests at base + test_patch (undefined when the runner printed none: the test file
 * did not load, and `beforeLog` says why).
 */
export function problemStatement(
  commit: {subject: string; body: string},
  failToPass: string[],
  before: TestReport | undefined,
  beforeLog: string,
  /** The checkout the tests ran in: its path is cut from messages. */
  workdir: string,
): string {
  const parts = [message(commit.subject, commit.body)]
  const tests = failToPass.slice(0, MAX_TESTS).map((id) => {
    const why = before?.get(id)?.message
    return why ? `- ${id}\n${firstLines(why).replace(/^/gm, '    ')}` : `- ${id}`
  })
  if (failToPass.length > MAX_TESTS) tests.push(`- … and ${failToPass.length - MAX_TESTS} more`)
  parts.push(`These tests fail and should pass:\n${tests.join('\n')}`)
  if (!before)
    parts.push(`The test file does not load yet:\n${firstLines(beforeLog.split('\n').slice(-12).join('\n'))}`)
  return redactSecrets(parts.join('\n\n').replaceAll(`${workdir}/`, '').replaceAll(workdir, '.'))
}
