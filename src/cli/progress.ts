import {Listr, type ListrTaskWrapper} from 'listr2'

// A progress bar on stderr for long runs (bench points, eval cases), drawn by listr2's default renderer.
// Quiet (nothing drawn) with --json or when stderr is not a terminal.

export interface Progress {
  /** A new phase: its title and how many steps it has (0: unknown). */
  phase(title: string, total: number): void
  update(done: number, note?: string): void
  stop(): Promise<void>
}

function bar(done: number, total: number, width = 30): string {
  if (!total) return `${done} done`
  const filled = Math.round((Math.min(done, total) / total) * width)
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`
}

export function progressBar(quiet: boolean, title: string): Progress {
  if (quiet) return {phase() {}, update() {}, stop: async () => {}}
  let task: ListrTaskWrapper<unknown, never, never> | undefined
  let finish: () => void = () => {}
  let total = 0
  let state = {title, output: ''}
  const draw = () => {
    if (!task) return
    task.title = state.title
    task.output = state.output
  }
  const listr = new Listr(
    [
      {
        title,
        task: (_ctx, t) =>
          new Promise<void>((resolve) => {
            task = t as unknown as ListrTaskWrapper<unknown, never, never>
            finish = resolve
            draw()
          }),
        rendererOptions: {outputBar: 1, persistentOutput: false},
      },
    ],
    {renderer: 'default', exitOnError: false, registerSignalListeners: false},
  )
  const running = listr.run().catch(() => undefined)
  return {
    phase(t, n) {
      total = n
      state = {title: t, output: bar(0, total)}
      draw()
    },
    update(done, note) {
      state = {...state, output: `${bar(done, total)}${note ? `  ${note}` : ''}`}
      draw()
    },
    stop: async () => {
      finish()
      await running
    },
  }
}
