import {Listr, type ListrTaskWrapper} from 'listr2'
import type {BenchEvent} from './run-bench.js'

// Live progress on stderr while a benchmark runs (listr2's default renderer); nothing when quiet (--json, not a TTY).

export interface Progress {
  update(e: BenchEvent): void
  stop(): Promise<void>
}

function bar(done: number, total: number, width = 30): string {
  if (!total) return `${done} requests`
  const filled = Math.round((Math.min(done, total) / total) * width)
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`
}

export function progressRenderer(quiet: boolean): Progress {
  if (quiet) return {update() {}, stop: async () => {}}
  let task: ListrTaskWrapper<unknown, never, never> | undefined
  let finish: () => void = () => {}
  let total = 0
  const pending: BenchEvent[] = []
  const apply = (e: BenchEvent) => {
    if (!task) return void pending.push(e)
    if (e.type === 'point-start') {
      total = e.requests
      task.title = `Point ${e.index + 1}/${e.points}: ${e.label}`
      task.output = bar(0, total)
    } else if (e.type === 'sample') task.output = `${bar(e.done, total)}${e.failed ? `  (${e.failed} failed)` : ''}`
  }
  const listr = new Listr(
    [
      {
        title: 'Benchmark',
        task: (_ctx, t) =>
          new Promise<void>((resolve) => {
            task = t as unknown as ListrTaskWrapper<unknown, never, never>
            finish = resolve
            for (const e of pending.splice(0)) apply(e)
          }),
        rendererOptions: {outputBar: 1, persistentOutput: false},
      },
    ],
    {renderer: 'default', rendererOptions: {lazy: false}, exitOnError: false, registerSignalListeners: false},
  )
  const running = listr.run().catch(() => undefined)
  return {
    update: apply,
    stop: async () => {
      finish()
      await running
    },
  }
}
