import type {ToolCall} from '../llm/types.js'

// Small models retry the same broken call again and again. After the third identical failure the loop says so
// plainly (OpenCode's doom-loop check uses the same threshold).

export const REPEAT_LIMIT = 3

/** Counts failures per identical call (name and arguments, whitespace ignored). */
export class RepeatedFailures {
  private readonly counts = new Map<string, number>()

  /** Records a result; returns an intervention message when this exact call has now failed REPEAT_LIMIT times. */
  record(call: ToolCall, isError: boolean): string | undefined {
    const key = `${call.name}\u0000${call.arguments.replace(/\s+/g, '')}`
    if (!isError) {
      this.counts.delete(key)
      return undefined
    }
    const n = (this.counts.get(key) ?? 0) + 1
    this.counts.set(key, n)
    if (n < REPEAT_LIMIT) return undefined
    return `You have made this exact \`${call.name}\` call ${n} times and it failed each time. Do not repeat it: read the error above, then change the arguments, use another tool, or explain what blocks you.`
  }
}
