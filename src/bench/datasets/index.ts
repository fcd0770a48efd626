import {EXIT, OacError} from '../../errors.js'
import type {BenchPrompt} from '../types.js'
import {codingPrompts} from './coding.js'
import {jsonlPrompts, sharegptPrompts} from './files.js'
import {randomPrompts} from './random.js'

export interface DatasetOptions {
  dataset: string
  count: number
  inputLen: number
  outputLen: number
  /** --output-len given explicitly: overrides the dataset's lengths. */
  outputLenSet: boolean
  seed: number
}

/**
 * Reads the dataset once before anything starts, so a wrong name or an unreadable file is bad input (exit 2) and
 * leaves no run behind in the store.
 */
export function checkDataset(o: Omit<DatasetOptions, 'count'>): void {
  try {
    loadDataset({...o, count: 1})
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    const file = o.dataset.split(/:(.*)/s)[1]
    const message = e.code === 'ENOENT' ? `no file ${file}` : e.message
    throw new OacError(`--dataset ${o.dataset}: ${message}`, EXIT.badInput)
  }
}

/** `count` prompts from `random`, `coding`, `sharegpt:FILE` or `jsonl:FILE`, cycling a fixed set when it is shorter. */
export function loadDataset(o: DatasetOptions): BenchPrompt[] {
  const [kind, file] = o.dataset.split(/:(.*)/s)
  let base: BenchPrompt[]
  if (kind === 'random') return randomPrompts(o.count, o.inputLen, o.outputLen, o.seed)
  if (kind === 'coding') base = codingPrompts()
  else if (kind === 'sharegpt' && file) base = sharegptPrompts(file, o.outputLenSet ? o.outputLen : undefined)
  else if (kind === 'jsonl' && file) base = jsonlPrompts(file, o.outputLen)
  else throw new Error(`Expected --dataset random, coding, sharegpt:FILE or jsonl:FILE, got \`${o.dataset}\``)
  const prompts = o.outputLenSet ? base.map((p) => ({...p, maxTokens: o.outputLen})) : base
  return Array.from({length: o.count}, (_, i) => prompts[i % prompts.length] as BenchPrompt)
}
