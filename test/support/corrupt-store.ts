import {closeSync, openSync, statSync, writeSync} from 'node:fs'

/**
 * Overwrites the last `pages` pages of a closed SQLite file with garbage, the way a bad disk or a half-copied file
 * leaves it: the header and the first pages (the runs table) still read, the rest does not.
 */
export function overwriteLastPages(file: string, pages = 3, pageSize = 4096): void {
  const size = statSync(file).size
  const fd = openSync(file, 'r+')
  try {
    const garbage = Buffer.alloc(pageSize * pages, 0xa5)
    writeSync(fd, garbage, 0, garbage.length, Math.max(pageSize * 2, size - garbage.length))
  } finally {
    closeSync(fd)
  }
}
