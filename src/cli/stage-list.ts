import {Listr} from 'listr2'

// Progress for work made of known stages run one after another elsewhere (quickstart's stages, waiting for each
// engine to get healthy): a listr2 task list, like `oac setup` shows, where stage i starts when stage i-1 is marked
// done. listr2's default renderer on a terminal, the simple one (one line per event) otherwise; nothing with --json.

export interface StageList {
  /** A line of progress under the running stage. */
  output(line: string): void
  /** Ends the running stage; its title becomes `title` (a headline with the figure) and the next one starts. */
  done(title?: string): void
  /** Ends the running stage as failed, and the list. */
  fail(error: Error): void
  /** Ends the running stage as cut short (Ctrl-C, SIGTERM) with `note`, and the list. */
  interrupt(note: string): void
  /** Waits for the list to finish drawing; stages that never ran are shown skipped, never done. */
  stop(): Promise<void>
}

/** How a stage ended: done (with its headline), or skipped (cut short, or never run) with a note. */
type StageEnd = {title?: string | undefined} | {skip: string}

interface Deferred {
  promise: Promise<StageEnd>
  resolve(end: StageEnd): void
  reject(error: Error): void
}

function deferred(): Deferred {
  let resolve: Deferred['resolve'] = () => {}
  let reject: Deferred['reject'] = () => {}
  const promise = new Promise<StageEnd>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => undefined)
  return {promise, resolve, reject}
}

export function stageList(titles: string[], o: {quiet: boolean; tty: boolean}): StageList {
  if (o.quiet) return {output() {}, done() {}, fail() {}, interrupt() {}, stop: async () => {}}
  const ends = titles.map(() => deferred())
  let current = 0
  // A stage's task starts a tick after the previous one ends: lines that arrive before are kept for it.
  const setters: ((line: string) => void)[] = []
  const pending: string[] = []
  const list = new Listr(
    titles.map((title, i) => ({
      title,
      task: async (_ctx: unknown, task: {title: string; output: string; skip(message?: string): void}) => {
        setters[i] = (line) => {
          task.output = line
        }
        if (pending[i] !== undefined) task.output = pending[i]
        const end = await (ends[i] as Deferred).promise
        if ('skip' in end) task.skip(end.skip)
        else if (end.title) task.title = end.title
      },
    })),
    {
      renderer: o.tty ? 'default' : 'simple',
      fallbackRenderer: 'simple',
      exitOnError: true,
      registerSignalListeners: false,
      rendererOptions: {collapseSubtasks: false},
    },
  )
  const running = list.run().catch(() => undefined)
  return {
    output(line) {
      const set = setters[current]
      if (set) set(line)
      else pending[current] = line
    },
    done(title) {
      ends[current]?.resolve({title})
      current++
    },
    fail(error) {
      ends[current]?.reject(error)
      for (const d of ends.slice(current + 1)) d.reject(error)
      current = titles.length
    },
    interrupt(note) {
      ends[current]?.resolve({skip: note})
      current++
    },
    stop: async () => {
      for (const [i, d] of ends.entries()) if (i >= current) d.resolve({skip: 'not run'})
      await running
    },
  }
}
