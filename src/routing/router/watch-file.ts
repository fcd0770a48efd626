import {watch} from 'node:fs'
import {basename, dirname} from 'node:path'

/** Watches the file's folder (editors replace files), debounced so one save reloads once. */
export function watchFile(file: string, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined
  const watcher = watch(dirname(file), (_event, name) => {
    if (name !== basename(file)) return
    clearTimeout(timer)
    timer = setTimeout(onChange, 100)
  })
  return () => {
    clearTimeout(timer)
    watcher.close()
  }
}
