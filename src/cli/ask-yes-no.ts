import {createInterface} from 'node:readline/promises'

/** Asks a yes/no question on the terminal; only `y` or `yes` is a yes (the end of input is a no). */
export async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({input: process.stdin, output: process.stderr})
  try {
    return /^y(?:es)?$/i.test((await rl.question(question)).trim())
  } catch {
    return false
  } finally {
    rl.close()
  }
}
