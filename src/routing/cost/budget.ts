import {z} from 'zod'

// Cloud budgets: daily and monthly USD caps per cloud upstream, counted in the box's local time (a "day" is the
// user's day). Pure: the spend comes from the ledger (ledger.ts) and the clock from the caller.

export const budgetSchema = z.strictObject({
  /** USD a calendar day (local time) may spend on this upstream. */
  dailyUsd: z.number().positive().optional(),
  /** USD a calendar month (local time) may spend on this upstream. */
  monthlyUsd: z.number().positive().optional(),
  /**
   * Past a cap: `fallback` skips this upstream (the route's local targets answer, and the log says why); `refuse`
   * answers the client with an error that names the cap, so nobody silently gets a weaker model.
   */
  onCap: z.enum(['fallback', 'refuse']).default('fallback'),
})
export type BudgetConfig = z.output<typeof budgetSchema>

const pad = (n: number) => String(n).padStart(2, '0')

/** `YYYY-MM-DD` of `date` in local time. */
export const dayKey = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`

/** `YYYY-MM` of `date` in local time. */
export const monthKey = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}`

/** Local midnight starting the day, and the first of the month, of `date`. */
export const dayStart = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate())
export const monthStart = (date: Date) => new Date(date.getFullYear(), date.getMonth(), 1)

/** One upstream's spend so far: today and this month (USD). */
export interface Spend {
  day: string
  dayUsd: number
  month: string
  monthUsd: number
}

export const noSpend = (now: Date): Spend => ({day: dayKey(now), dayUsd: 0, month: monthKey(now), monthUsd: 0})

/** The spend after a request that cost `usd` at `now`; a new day or month starts from zero. */
export function addSpend(spend: Spend, usd: number, now: Date): Spend {
  const day = dayKey(now)
  const month = monthKey(now)
  return {
    day,
    dayUsd: (spend.day === day ? spend.dayUsd : 0) + usd,
    month,
    monthUsd: (spend.month === month ? spend.monthUsd : 0) + usd,
  }
}

/** A cap that is reached: which, how much, what was spent, and when it lifts. */
export interface CapReached {
  period: 'daily' | 'monthly'
  capUsd: number
  spentUsd: number
  resetsAt: Date
}

/** The cap `spend` has reached at `now`, if any (the monthly one first: it lasts longer). */
export function capReached(budget: BudgetConfig | undefined, spend: Spend, now: Date): CapReached | undefined {
  if (!budget) return undefined
  const month = spend.month === monthKey(now) ? spend.monthUsd : 0
  if (budget.monthlyUsd !== undefined && month >= budget.monthlyUsd)
    return {
      period: 'monthly',
      capUsd: budget.monthlyUsd,
      spentUsd: month,
      resetsAt: new Date(now.getFullYear(), now.getMonth() + 1, 1),
    }
  const day = spend.day === dayKey(now) ? spend.dayUsd : 0
  if (budget.dailyUsd !== undefined && day >= budget.dailyUsd)
    return {
      period: 'daily',
      capUsd: budget.dailyUsd,
      spentUsd: day,
      resetsAt: new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1),
    }
  return undefined
}

const usd = (n: number) => `$${n.toFixed(2)}`

/** The words a client and the log get when a cap stops a cloud request. */
export function capMessage(upstream: string, cap: CapReached): string {
  return `the ${cap.period} cloud budget of ${usd(cap.capUsd)} for upstream \`${upstream}\` is spent (${usd(cap.spentUsd)} so far); it resets ${cap.resetsAt.toISOString()}. Raise budget.${cap.period === 'daily' ? 'dailyUsd' : 'monthlyUsd'} in the routing file, or wait`
}
