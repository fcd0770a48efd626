import {readFile} from 'node:fs/promises'
import {atomicWrite} from './atomic-write.js'
import {type ToolContext, ToolError} from './tool.js'

// What the model reads has its secrets replaced by `[REDACTED:kind]` (store/redact.ts, in run-tool-call.ts). A model
// that writes such a placeholder back (a whole config file rewritten from what it read) would put it where the
// user's real key was: a change that adds placeholders the file did not hold is refused.
const PLACEHOLDER = /\[REDACTED:[a-z-]+\]/g
const placeholders = (text: string | undefined) => text?.match(PLACEHOLDER)?.length ?? 0

/**
 * How every built-in tool changes a file: atomically, reporting the change to the context's listener. `before` is
 * the text the caller already read; when it is not given, the file is read first.
 */
export async function writeProjectFile(
  ctx: Pick<ToolContext, 'onFileChange'>,
  path: string,
  after: string,
  before?: string,
): Promise<void> {
  const old = before ?? (await readFile(path, 'utf8').catch(() => undefined))
  if (placeholders(after) > placeholders(old))
    throw new ToolError(
      'Refused: the new text holds a `[REDACTED:…]` placeholder, which stands for a secret the output you read hid; writing it would replace the real value. Change only the lines you need with edit, leaving the redacted ones as they are.',
    )
  await atomicWrite(path, after)
  ctx.onFileChange?.({path, before: old, after})
}
