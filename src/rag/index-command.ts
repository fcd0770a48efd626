import {resolve} from 'node:path'
import {projectRoot} from '../agent/project-root.js'
import {abortOnCtrlC, stoppedExit} from '../cli/ctrl-c.js'
import {progressBar} from '../cli/progress.js'
import {buildIndex, type IndexReport} from './build-index.js'
import {embedderFromFlags} from './index-target.js'
import {progressNote, renderIndexReport} from './render-index.js'
import {watchIndex} from './watch-index.js'

// What `oac index` does between parsing its flags and printing: resolve the folder and the embedder, show progress
// with files/s and an ETA, run once or watch.

export interface IndexCommandOptions {
  path?: string
  endpoint?: string
  engine?: string
  model?: string
  watch: boolean
  rebuild: boolean
  reembed: boolean
  json: boolean
}

export async function runIndexCommand(
  o: IndexCommandOptions,
  log: (line: string) => void,
  warn: (line: string) => void,
): Promise<IndexReport> {
  const root = o.path ? resolve(o.path) : await projectRoot(process.cwd())
  const embedder = embedderFromFlags(o)
  const signal = abortOnCtrlC()
  // One request before any file is read: an embedding endpoint that does not answer fails here (exit 1) with
  // nothing written, instead of after the lexical part of the index was built.
  if (embedder) await embedder.embedQuery('oac index', signal)
  const progress = progressBar(o.json || !process.stderr.isTTY, `Indexing ${root}`)
  let phaseStart = performance.now()
  let phase = ''
  const report = await buildIndex({
    root,
    ...(embedder ? {embedder} : {}),
    rebuild: o.rebuild,
    reembed: o.reembed,
    signal,
    onProgress: (p) => {
      if (p.phase !== phase) {
        phase = p.phase
        phaseStart = performance.now()
        progress.phase(p.phase === 'files' ? 'Chunking files' : 'Embedding chunks', p.total)
      }
      progress.update(
        p.done,
        progressNote(p.done, p.total, performance.now() - phaseStart, p.phase === 'files' ? 'files' : 'chunks'),
      )
    },
  }).finally(() => progress.stop())
  log(o.json ? JSON.stringify(report) : renderIndexReport(report))
  if (report.interrupted) {
    process.exitCode = stoppedExit(signal)
    return report
  }
  if (!o.watch) return report
  if (!o.json) warn('Watching for changes (Ctrl-C stops).')
  await watchIndex({
    root,
    ...(embedder ? {embedder} : {}),
    signal,
    onUpdate: (r) => {
      if (r.indexed || r.deleted) log(o.json ? JSON.stringify(r) : renderIndexReport(r))
    },
    onError: (e) => warn(`oac index: ${e.message}`),
  })
  return report
}
