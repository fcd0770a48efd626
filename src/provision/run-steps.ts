import {Listr} from 'listr2'
import type {Step} from './steps/types.js'

// Runs the steps as a listr2 task list: each step is skipped when it is already done, else run with its log lines as
// the task's output. The default renderer on a terminal, the simple one (one line per event) otherwise.

export interface StepOutcome {
  id: string
  status: 'done' | 'skipped' | 'failed'
  error?: string
  /** What a skipped step found that the user should know (e.g. an installed version that is not the pinned one). */
  note?: string
}

export async function runSteps(steps: Step[], options: {tty: boolean}): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = []
  const list = new Listr(
    steps.map((s) => ({
      title: s.title,
      task: async (_ctx: unknown, task: {skip(message?: string): void; output: string}) => {
        const done = await s.isDone()
        if (done) {
          const note = typeof done === 'object' ? done.note : undefined
          outcomes.push({id: s.id, status: 'skipped', ...(note ? {note} : {})})
          task.skip(`${s.title}: already done${note ? ` (${note})` : ''}`)
          return
        }
        try {
          await s.run((line) => {
            task.output = line
          })
          outcomes.push({id: s.id, status: 'done'})
        } catch (error) {
          outcomes.push({id: s.id, status: 'failed', error: (error as Error).message})
          throw error
        }
      },
    })),
    {
      renderer: options.tty ? 'default' : 'simple',
      fallbackRenderer: 'simple',
      exitOnError: true,
      concurrent: false,
      rendererOptions: {collapseSkips: false},
    },
  )
  try {
    await list.run()
  } catch {
    // The failed step is in `outcomes`; listr2 already printed the error.
  }
  return outcomes
}
