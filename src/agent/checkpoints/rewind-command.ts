import {createInterface} from 'node:readline/promises'
import {projectRoot} from '../project-root.js'
import {renderRewind, renderUndoRewind, shownPath} from './render-rewind.js'
import {rewindSession, undoRewind} from './rewind.js'

// `oac agent --rewind | --rewind-all | --undo-rewind [SESSION]`: the flags to a rewind, the question a person answers
// in a terminal, and the text printed.

export interface RewindFlags {
  all: boolean
  undo: boolean
  dbFile?: string
}

/** Asks at the terminal whether the kept files go back too; no unless the answer starts with y. */
async function confirmKept(kept: string[]): Promise<boolean> {
  const rl = createInterface({input: process.stdin, output: process.stdout})
  const stop = new AbortController()
  rl.on('SIGINT', () => stop.abort())
  try {
    const answer = await rl.question(
      `Changed again after the agent changed them:\n${kept.map((p) => `  ${shownPath(p)}`).join('\n')}\nPut these back too, as they were before the agent changed them? [y/N] `,
      {signal: stop.signal},
    )
    return /^y/i.test(answer.trim())
  } catch {
    return false
  } finally {
    rl.close()
  }
}

export async function rewindCommand(cwd: string, session: string | undefined, flags: RewindFlags): Promise<string> {
  const root = await projectRoot(cwd)
  const o = {cwd, ...(session ? {session} : {}), ...(flags.dbFile ? {dbFile: flags.dbFile} : {})}
  if (flags.undo) return renderUndoRewind(await undoRewind(o), root)
  const tty = !!(process.stdin.isTTY && process.stdout.isTTY)
  return renderRewind(await rewindSession({...o, all: flags.all, ...(tty ? {confirm: confirmKept} : {})}), root)
}
