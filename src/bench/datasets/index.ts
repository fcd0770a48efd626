import {statSync} from 'node:fs'
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
  const file = o.dataset.split(/:(.*)/s)[1]
  const info = file ? statSync(file, {throwIfNoEntry: false}) : undefined
  if (file && !info) throw new OacError(`--dataset ${o.dataset}: no file ${file}`, EXIT.badInput)
  if (info?.isDirectory()) throw new OacError(`--dataset ${o.dataset}: ${file} is a folder, not a file`, EXIT.badInput)
  try {
    loadDataset({...o, count: 1})
  } catch (error) {
    throw new OacError(`--dataset ${o.dataset}: ${(error as Error).message}`, EXIT.badInput)
  }
}

/** The fixed prompts of `coding`, `sharegpt:FILE` or `jsonl:FILE`; undefined for `random`, which has no fixed set. */
function fixedSet(o: Omit<DatasetOptions, 'count' | 'seed' | 'inputLen'>): BenchPrompt[] | undefined {
  const [kind, file] = o.dataset.split(/:(.*)/s)
  if (kind === 'random') return undefined
  if (kind === 'coding') return codingPrompts()
  if (kind === 'sharegpt' && file) return sharegptPrompts(file, o.outputLenSet ? o.outputLen : undefined)
  if (kind === 'jsonl' && file) return jsonlPrompts(file, o.outputLen)
  throw new Error(`Expected --dataset random, coding, sharegpt:FILE or jsonl:FILE, got \`${o.dataset}\``)
}

/** `count` prompts from `random`, `coding`, `sharegpt:FILE` or `jsonl:FILE`, cycling a fixed set when it is shorter. */
export function loadDataset(o: DatasetOptions): BenchPrompt[] {
  const base = fixedSet(o)
  if (!base) return randomPrompts(o.count, o.inputLen, o.outputLen, o.seed)
  const prompts = o.outputLenSet ? base.map((p) => ({...p, maxTokens: o.outputLen})) : base
  return Array.from({length: o.count}, (_, i) => prompts[i % prompts.length] as BenchPrompt)
}

/** How many prompts the dataset holds (prompt i of a run is prompt i mod this); null for `random`. */
export function datasetSize(o: Omit<DatasetOptions, 'count' | 'seed' | 'inputLen'>): number | null {
  return fixedSet(o)?.length ?? null
}
