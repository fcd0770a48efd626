import {mkdir, writeFile} from 'node:fs/promises'
import {dirname, resolve} from 'node:path'
import {loadCatalog} from '../profiles/catalog.js'
import {loadProfiles} from '../profiles/load-profiles.js'
import {routingHistory} from '../routing/show.js'
import {redactDeep} from '../store/redact.js'
import {Store} from '../store/store.js'
import {buildReportModel, type ProfileInfo} from './build-model.js'
import {buildSections} from './figures.js'
import {chromiumPath, screenshotCharts} from './png.js'
import {renderHtml} from './render-html.js'
import {type RunSelection, selectRuns} from './select-runs.js'
import type {ReportModel, ReportOptions, RunRef} from './types.js'

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
  return routing.current ? {...model, routing} : model
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
  await mkdir(dirname(path), {recursive: true})
  // Stored runs may hold secrets written before the store redacted them (an endpoint URL with a password).
  const shown = redactDeep(model)
  await writeFile(path, renderHtml(shown, buildSections(shown)))
  const result: GenerateResult = {path, runs: model.runs}
  if (chromium) result.pngs = await screenshotCharts(path, path.replace(/\.html?$/i, ''), chromium)
  return result
}
