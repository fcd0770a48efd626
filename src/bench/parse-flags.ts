import {resolveTarget} from '../cli/resolve-target.js'
import {UsageError} from '../errors.js'
import type {BenchOptions} from './run-bench.js'
import type {Slo} from './types.js'
import {checkResultDir, type VllmResultOptions} from './vllm-result.js'

// Parsing of bench flag values, with errors that say what was expected and what arrived.

export function parseIntList(name: string, value: string): number[] {
  const items = value.split(',').map((s) => s.trim())
  const numbers = items.map(Number)
  if (!items.length || numbers.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError(`Expected --${name} to be positive integers separated by commas, got \`${value}\``)
  return numbers
}

/** `inf` or positive numbers, comma-separated. */
export function parseRates(value: string): number[] {
  return value.split(',').map((s) => {
    const t = s.trim()
    if (t === 'inf') return Number.POSITIVE_INFINITY
    const n = Number(t)
    if (!Number.isFinite(n) || n <= 0)
      throw new UsageError(
        `Expected --request-rate to be inf or positive numbers separated by commas, got \`${value}\``,
      )
    return n
  })
}

/** `ttft=500,tpot=50,e2el=20000` (ms). */
export function parseSlo(value: string): Slo {
  const slo: Slo = {}
  for (const part of value.split(',')) {
    const [key, raw] = part.split('=').map((s) => s.trim())
    const ms = Number(raw)
    if ((key !== 'ttft' && key !== 'tpot' && key !== 'e2el') || !Number.isFinite(ms) || ms <= 0)
      throw new UsageError(`Expected --slo like ttft=500,tpot=50 (ms; keys ttft, tpot, e2el), got \`${value}\``)
    slo[key] = ms
  }
  return slo
}

/** The flags of `oac bench`, as oclif parses them. */
export interface BenchFlags {
  endpoint?: string | undefined
  engine?: string | undefined
  model?: string | undefined
  concurrency?: string | undefined
  'request-rate': string
  'num-prompts'?: number | undefined
  duration?: number | undefined
  warmup?: number | undefined
  'input-len': number
  'output-len'?: number | undefined
  dataset: string
  'ignore-eos': boolean
  slo?: string | undefined
  mode: string
  save: boolean
  seed: number
  'save-result'?: boolean | undefined
  'result-dir'?: string | undefined
  'result-filename'?: string | undefined
  'save-detailed'?: boolean | undefined
}

/** --save-result and its companions (vLLM's flags); the folder is checked before any request is sent. */
export function resultOptions(flags: BenchFlags): VllmResultOptions | undefined {
  const companions = (['result-dir', 'result-filename', 'save-detailed'] as const).filter((k) => flags[k])
  if (!flags['save-result']) {
    if (companions.length) throw new UsageError(`--${companions[0]} needs --save-result`)
    return undefined
  }
  if (flags.mode === 'micro')
    throw new UsageError('--save-result writes vLLM serve results; it does not apply to --mode micro')
  if (flags['result-filename']?.includes('/'))
    throw new UsageError(
      `Expected --result-filename to be a file name (use --result-dir for the folder), got \`${flags['result-filename']}\``,
    )
  const dir = flags['result-dir']
  checkResultDir(dir ?? '.')
  return {
    ...(dir ? {dir} : {}),
    ...(flags['result-filename'] ? {filename: flags['result-filename']} : {}),
    detailed: Boolean(flags['save-detailed']),
  }
}

/** Bench options from the command's flags; throws an Error saying what was expected for any bad value. */
export function benchOptionsFromFlags(flags: BenchFlags, signal: AbortSignal): BenchOptions {
  const target = resolveTarget(flags)
  const requestRates = parseRates(flags['request-rate'])
  const closed = requestRates.every((r) => !Number.isFinite(r))
  const saveResult = resultOptions(flags)
  return {
    endpoint: target.url,
    model: target.model,
    ...(target.endpointId !== undefined ? {endpointId: target.endpointId} : {}),
    ...(target.engine ? {engine: target.engine} : {}),
    concurrency: flags.concurrency ? parseIntList('concurrency', flags.concurrency) : closed ? [1] : [],
    requestRates,
    ...(flags['num-prompts'] ? {numPrompts: flags['num-prompts']} : {}),
    ...(flags.duration ? {durationS: flags.duration} : {}),
    ...(flags.warmup !== undefined ? {warmup: flags.warmup} : {}),
    dataset: flags.dataset,
    inputLen: flags['input-len'],
    outputLen: flags['output-len'] ?? 128,
    outputLenSet: flags['output-len'] !== undefined,
    ignoreEos: flags['ignore-eos'],
    ...(flags.slo ? {slo: parseSlo(flags.slo)} : {}),
    mode: flags.mode as 'serve' | 'micro',
    save: flags.save,
    seed: flags.seed,
    ...(saveResult ? {saveResult} : {}),
    signal,
  }
}
