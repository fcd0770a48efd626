import {watch} from 'node:fs'
import {buildIndex, type IndexOptions, type IndexReport} from './build-index.js'
import {IndexStore} from './index-store.js'

// `oac index --watch`: re-indexes after changes settle. Every burst of file events (an editor's save writes a
// temporary file and renames it over the original) is debounced into one incremental run; a change during a run
// schedules one more. Events inside .git and .oac are ours or git's, not the user's edits.

export const DEBOUNCE_MS = 300
const OWN = /(^|[/\\])(\.git|\.oac|node_modules)([/\\]|$)/

export interface WatchOptions extends IndexOptions {
  signal: AbortSignal
  debounceMs?: number
  onUpdate(report: IndexReport): void
  onError(error: Error): void
}

/** Watches until the signal aborts; resolves after the last run finished. */
export async function watchIndex(o: WatchOptions): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false
  // One open index for the whole watch: each run skips opening the tables and reading the manifest.
  const store = await IndexStore.open(o.root, {create: true})
  const run = () => {
    if (running) {
      again = true
      return
    }
    running = buildIndex({...o, store, onProgress: undefined})
      .then(
        (r) => o.onUpdate(r),
        (e) => o.onError(e as Error),
      )
      .finally(() => {
        running = undefined
        if (again && !o.signal.aborted) {
          again = false
          run()
        }
      })
  }
  const watcher = watch(o.root, {recursive: true}, (_event, file) => {
    if (file && OWN.test(file)) return
    clearTimeout(timer)
    timer = setTimeout(run, o.debounceMs ?? DEBOUNCE_MS)
  })
  await new Promise<void>((resolve) => {
    if (o.signal.aborted) resolve()
    o.signal.addEventListener('abort', () => resolve(), {once: true})
  })
  clearTimeout(timer)
  watcher.close()
  await running
  store.close()
}
