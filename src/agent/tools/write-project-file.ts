import {readFile} from 'node:fs/promises'
import {atomicWrite} from './atomic-write.js'
import type {ToolContext} from './tool.js'

/**
 * How every built-in tool changes a file: atomically, reporting the change to the context's listener. `before` is
 * the text the caller already read; when it is not given and someone listens, the file is read first.
 */
export async function writeProjectFile(
  ctx: Pick<ToolContext, 'onFileChange'>,
  path: string,
  after: string,
  before?: string,
): Promise<void> {
  const old = before ?? (ctx.onFileChange ? await readFile(path, 'utf8').catch(() => undefined) : undefined)
  await atomicWrite(path, after)
  ctx.onFileChange?.({path, before: old, after})
}
