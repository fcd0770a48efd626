import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {listSourceFiles} from '../../rag/list-source-files.js'
import {skipByContent, skipByName} from '../../rag/skip-file.js'

// The files of a tree exactly as `oac index` sees them (same listing, same skip rules), so the baselines and oac rank
// the same set of files.

export interface CorpusFile {
  path: string
  text: string
}

export async function readCorpus(root: string): Promise<CorpusFile[]> {
  const out: CorpusFile[] = []
  for (const path of await listSourceFiles(root)) {
    const info = await stat(join(root, path)).catch(() => undefined)
    if (!info?.isFile() || skipByName(path, info.size)) continue
    const bytes = await readFile(join(root, path)).catch(() => undefined)
    if (!bytes || skipByContent(bytes)) continue
    out.push({path, text: bytes.toString('utf8')})
  }
  return out
}
