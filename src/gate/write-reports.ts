import {writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {makeDir} from '../make-dir.js'
import {renderJunit, renderMarkdown} from './render.js'
import type {GateResult} from './types.js'

export interface ReportFiles {
  junit?: string
  markdown?: string
}

/**
 * Writes the JUnit and Markdown reports. A report CI cannot read is a gate that did not run: a file that cannot be
 * written turns the result into `error` (exit 2), keeping the comparison's checks and verdict in the reason.
 */
export async function writeGateReports(result: GateResult, files: ReportFiles): Promise<GateResult> {
  const failures: string[] = []
  const write = async (what: string, file: string | undefined, render: (r: GateResult) => string) => {
    if (file === undefined) return
    try {
      makeDir(dirname(file))
      await writeFile(file, render(result))
    } catch (error) {
      failures.push(
        `cannot write the ${what} report ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      )
    }
  }
  await write('JUnit', files.junit, renderJunit)
  await write('Markdown', files.markdown, renderMarkdown)
  if (!failures.length) return result
  return {
    ...result,
    status: 'error',
    reason: `${failures.join('; ')}; the comparison: ${result.status.toUpperCase()}: ${result.reason}`,
  }
}
