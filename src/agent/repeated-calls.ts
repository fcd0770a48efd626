import type {ToolCall} from '../llm/types.js'

// Small models repeat themselves: the same failing call again and again, the same file read forever, or the same
// insert made ten times over. An identical call with an identical result is counted whether it failed or not. A
// change to the files (a write or edit that worked) starts every *other* count again, so edit-then-test cycles and
// re-reads after an edit are not loops; the change itself keeps counting, since making the same change again is the
// loop. After INTERVENE_AT repeats the loop says so plainly (OpenCode's doom-loop check uses 3); at STOP_AT the run
// stops with status `loop`.

export const INTERVENE_AT = 3
export const STOP_AT = 6

export type Repeat =
  | {kind: 'none'}
  | {kind: 'intervene'; count: number; message: string}
  | {kind: 'stop'; count: number}

export class RepeatedCalls {
  private readonly counts = new Map<string, number>()

  /** Records a finished call; `changedFiles`: it wrote files successfully. */
  record(call: ToolCall, output: string, isError: boolean, changedFiles: boolean): Repeat {
    const key = `${call.name}\u0000${call.arguments.replace(/\s+/g, '')}\u0000${output}`
    const n = (this.counts.get(key) ?? 0) + 1
    if (changedFiles && !isError) this.counts.clear()
    this.counts.set(key, n)
    if (n >= STOP_AT) return {kind: 'stop', count: n}
    if (n < INTERVENE_AT) return {kind: 'none'}
    const outcome = isError ? 'it failed each time' : 'it returned the same result each time'
    return {
      kind: 'intervene',
      count: n,
      message: `You have made this exact \`${call.name}\` call ${n} times and ${outcome}. Do not repeat it: ${isError ? 'read the error above, then change the arguments, use another tool,' : 'use what it returned, take the next step,'} or explain what blocks you. The run stops at ${STOP_AT} repeats.`,
    }
  }
}
