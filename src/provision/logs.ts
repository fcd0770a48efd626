import {closeSync, existsSync, openSync, readFileSync, readSync, statSync, unwatchFile, watchFile} from 'node:fs'

// `oac engine logs`: the last lines of a server's log file (the services append stdout and stderr there).

export function tailLines(file: string, lines: number): string[] {
  // slice(-0) is the whole file: `-n 0` (follow only what comes next) must print nothing.
  if (lines <= 0 || !existsSync(file)) return []
  const text = readFileSync(file, 'utf8').replace(/\n$/, '')
  if (!text) return []
  return text.split('\n').slice(-lines)
}

/** Calls `onText` with what is appended to `file` until `signal` aborts. */
export function followFile(file: string, onText: (text: string) => void, signal: AbortSignal): Promise<void> {
  let offset = existsSync(file) ? statSync(file).size : 0
  const read = () => {
    if (!existsSync(file)) return
    const size = statSync(file).size
    if (size < offset) offset = 0
    if (size === offset) return
    const fd = openSync(file, 'r')
    const buf = Buffer.alloc(size - offset)
    readSync(fd, buf, 0, buf.length, offset)
    closeSync(fd)
    offset = size
    onText(buf.toString('utf8'))
  }
  watchFile(file, {interval: 500}, read)
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => {
      unwatchFile(file, read)
      resolve()
    })
  })
}
