import {stat} from 'node:fs/promises'
import {resolve} from 'node:path'
import {projectRoot} from '../../agent/project-root.js'
import {UsageError} from '../../errors.js'
import {locateRepo} from '../../git/repo-layout.js'
import {embedderFromFlags} from '../../rag/index-target.js'
import {loadQuestions} from './questions.js'
import type {RetrievalOptions} from './run-retrieval.js'

// `oac eval retrieval` flags as options, checked before anything is indexed or stored: a folder that is not one, or
// a questions file that cannot be read or is not a list of questions, is bad input (exit 2) and leaves no run behind.

export interface RetrievalFlags {
  path?: string | undefined
  questions?: string | undefined
  limit: number
  endpoint?: string | undefined
  engine?: string | undefined
  model?: string | undefined
  save: boolean
}

export async function toRetrievalOptions(f: RetrievalFlags): Promise<Omit<RetrievalOptions, 'signal' | 'onEvent'>> {
  const root = f.path ? resolve(f.path) : await projectRoot(process.cwd())
  if (!(await stat(root).catch(() => undefined))?.isDirectory())
    throw new UsageError(`${root} is not a folder; give the repository to evaluate`)
  if (f.questions && !(await stat(f.questions).catch(() => undefined))?.isFile())
    throw new UsageError(`The questions file ${f.questions} does not exist`)
  // The questions are read, or their git history found, before the index is built: a bad file or a folder with no
  // history left a new .oac/index behind.
  if (f.questions) await loadQuestions(f.questions)
  else locateRepo(root)
  if (f.model && !f.endpoint && !f.engine)
    throw new UsageError('--model names an embedding model: give --endpoint or --engine too')
  const embedder = embedderFromFlags(f)
  return {
    root,
    limit: f.limit,
    save: f.save,
    ...(f.questions ? {questionsFile: resolve(f.questions)} : {}),
    ...(embedder ? {embedder} : {}),
  }
}
