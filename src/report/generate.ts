import {existsSync, statSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {OacError, UsageError} from '../errors.js'
import {makeDir} from '../make-dir.js'
import {loadCatalog} from '../profiles/catalog.js'
import {loadProfiles} from '../profiles/load-profiles.js'
import {costReport} from '../routing/cost/cost-report.js'
import type {CostSummary} from '../routing/cost/cost-summary.js'
import {routingHistory} from '../routing/show.js'
import {redactDeep} from '../store/redact.js'
import {Store} from '../store/store.js'
import {buildReportModel, type ProfileInfo} from './build-model.js'
import {buildSections} from './figures.js'
import {chromiumPath, screenshotCharts} from './png.js'
import {renderHtml} from './render-html.js'
import {type RunSelection, selectRuns} from './select-runs.js'
import {ReportError, type ReportModel, type ReportOptions, type RunRef} from './types.js'

// `oac report`: select runs, build the model, write the HTML page and, with --png, a screenshot per chart.

export interface GenerateRequest extends RunSelection {
  options: ReportOptions
  /** Output file; default reports/report-<timestamp>.html under cwd. */
  out?: string
  png?: boolean
  cwd?: string
  dbFile?: string
  now?: Date
}

export interface GenerateResult {
  path: string
  runs: RunRef[]
  pngs?: string[]
}

export function defaultReportPath(cwd: string, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-')
  return resolve(cwd, 'reports', `report-${stamp}.html`)
}

/** Profiles for the hardware cost; a broken user profile must not stop a report, so errors give none. */
function knownProfiles(): ProfileInfo[] {
  try {
    return loadProfiles(loadCatalog()).map((p) => ({
      id: p.id,
      match: p.match,
      ...(p.hardwareCostUsd !== undefined ? {hardwareCostUsd: p.hardwareCostUsd} : {}),
    }))
  } catch {
    return []
  }
}

export function buildModelFromStore(store: Store, request: GenerateRequest): ReportModel {
  const runs = selectRuns(store, request)
  const routing = routingHistory(store, 10)
  const model = buildReportModel({
    runs,
    samples: (id) => store.samples(id),
    profiles: knownProfiles(),
    options: request.options,
    ...(request.now ? {now: request.now} : {}),
  })
  const cost = ledgerSummary(request)
  return {...model, ...(routing.current ? {routing} : {}), ...(cost ? {cost} : {})}
}

/** `oac cost --since 30d` for the report; none when the router recorded nothing (or the store is older). */
function ledgerSummary(request: GenerateRequest): CostSummary | undefined {
  try {
    return costReport({
      since: '30d',
      ...(request.dbFile ? {dbFile: request.dbFile} : {}),
      ...(request.options.hardwareCostUsd !== undefined ? {hardwareCostUsd: request.options.hardwareCostUsd} : {}),
      ...(request.now ? {now: request.now} : {}),
    })
  } catch (error) {
    if (error instanceof OacError) return undefined
    throw error
  }
}

/** Writes the page, its folder made first; a path that cannot take it is a ReportError naming the file. */
async function writeReportFile(path: string, html: string): Promise<void> {
  if (existsSync(path) && statSync(path).isDirectory())
    throw new ReportError(`--out ${path} is a folder; give a file name, such as ${join(path, 'report.html')}`)
  try {
    makeDir(dirname(path))
    await writeFile(path, html)
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    const reason = e instanceof UsageError ? e.message : e.code === 'EACCES' ? 'permission denied' : e.message
    throw new ReportError(`Cannot write the report to ${path}: ${reason}`)
  }
}

export async function generateReport(request: GenerateRequest): Promise<GenerateResult> {
  const cwd = request.cwd ?? process.cwd()
  // Fail before any work when --png cannot be honoured.
  const chromium = request.png ? chromiumPath() : undefined
  const store = request.dbFile ? Store.open(request.dbFile) : Store.open()
  let model: ReportModel
  try {
    model = buildModelFromStore(store, request)
  } finally {
    store.close()
  }
  const path = request.out ? resolve(cwd, request.out) : defaultReportPath(cwd, request.now)
  // Stored runs may hold secrets written before the store redacted them (an endpoint URL with a password).
  const shown = redactDeep(model)
  await writeReportFile(path, renderHtml(shown, buildSections(shown)))
  const result: GenerateResult = {path, runs: model.runs}
  if (chromium) result.pngs = await screenshotCharts(path, path.replace(/\.html?$/i, ''), chromium)
  return result
}
