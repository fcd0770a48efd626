import {UsageError} from '../../../errors.js'
import {parseDate} from './hold-out.js'
import type {MineOptions} from './mine.js'
import {defaultStressWorkers} from './stress.js'

// `oac eval swe mine` flags turned into options (pure): dates are checked here, so a typo is bad input (exit 2)
// before anything is cloned.

export interface MineFlags {
  out: string
  since?: string | undefined
  until?: string | undefined
  limit?: number | undefined
  jobs: number
  'hold-out-after'?: string | undefined
  'test-timeout': number
  repos?: string | undefined
  'stress-runs': number
  'stress-workers'?: number | undefined
}

function date(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (parseDate(value) === undefined)
    throw new UsageError(`Expected --${flag} to be a date (YYYY-MM-DD), got \`${value}\``)
  return value
}

export function toMineOptions(path: string, flags: MineFlags, signal: AbortSignal): MineOptions {
  const holdOut = date('hold-out-after', flags['hold-out-after'])
  return {
    path,
    out: flags.out,
    since: date('since', flags.since),
    until: date('until', flags.until),
    limit: flags.limit,
    jobs: flags.jobs,
    holdOutAfter: holdOut === undefined ? undefined : parseDate(holdOut),
    timeoutS: flags['test-timeout'],
    reposDir: flags.repos,
    stress: {runs: flags['stress-runs'], workers: flags['stress-workers'] ?? defaultStressWorkers()},
    signal,
  }
}
