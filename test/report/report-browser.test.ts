import {existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {energyCost} from '../../src/report/energy.js'
import {fmt, usd} from '../../src/report/figures.js'
import {generateReport} from '../../src/report/generate.js'
import {defaultChromium} from '../../src/report/png.js'
import {benchPoints, hardware, seedStore, toolRuns} from './fixture.js'

// The page in a real headless Chromium from file://: it loads without errors, every chart draws, and the tables
// under the charts show the stored figures. CI installs chromium; it is never downloaded.

const executablePath = process.env.OAC_CHROMIUM || defaultChromium
const options = {electricityPrice: 0.3, cloudPrice: 3, hoursPerDay: 8}
const home = mkdtempSync(join(tmpdir(), 'oac-report-browser-'))
let browser: Browser
let page: Page
let reportPath: string
const consoleErrors: string[] = []

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`this test needs Chromium at ${executablePath}`)
  seedStore(home)
  const result = await generateReport({dbFile: join(home, 'oac.db'), cwd: home, options})
  reportPath = result.path
  browser = await chromium.launch({executablePath, headless: true})
  page = await browser.newPage({viewport: {width: 1280, height: 900}})
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) consoleErrors.push(`request to ${r.url()}`)
  })
  await page.goto(pathToFileURL(reportPath).href)
  await page.waitForFunction(() => (window as unknown as {oacChartsReady?: number}).oacChartsReady !== undefined)
})

afterAll(async () => {
  await browser?.close()
})

// innerText on purpose: the rendered table, a tab between cells and a line per row, as a reader sees it.
// biome-ignore lint/performance/useDomNodeTextContent: the layout-aware text is what is asserted
const tableText = (figureId: string) => page.locator(`figure[data-figure="${figureId}"] table`).innerText()

describe('the report in Chromium', () => {
  it('loads from file:// with no console errors and no network', () => {
    expect(reportPath).toMatch(/reports\/report-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.html$/)
    expect(consoleErrors).toEqual([])
  })

  it('draws every chart: no canvas is blank', async () => {
    const canvases = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((c) => {
        const blank = document.createElement('canvas')
        blank.width = c.width
        blank.height = c.height
        const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray()
        let painted = 0
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) painted++
        return {id: c.id, width: c.width, height: c.height, painted, differs: c.toDataURL() !== blank.toDataURL()}
      }),
    )
    expect(canvases.map((c) => c.id)).toEqual([
      'bench-1-throughput',
      'bench-1-ttft',
      'bench-1-ttft-hist',
      'bench-1-itl-hist',
      'bench-1-tradeoff',
      'tools-categories',
      'tools-history-1',
      'energy-wh',
      'energy-cost',
    ])
    expect(await page.evaluate(() => (window as unknown as {oacChartsReady: number}).oacChartsReady)).toBe(9)
    for (const c of canvases) {
      expect(c.width, c.id).toBeGreaterThan(100)
      expect(c.height, c.id).toBeGreaterThan(100)
      expect(c.differs, c.id).toBe(true)
      // Axes, labels and data: far more than a few stray pixels.
      expect(c.painted, c.id).toBeGreaterThan(1000)
    }
  })

  it('shows the stored bench figures in the tables under the charts', async () => {
    const throughput = await tableText('bench-1-throughput')
    const ttft = await tableText('bench-1-ttft')
    const tradeoff = await tableText('bench-1-tradeoff')
    for (const p of benchPoints) {
      expect(throughput).toContain(`c=${p.concurrency}\t${fmt(p.throughput)}`)
      expect(ttft).toContain(`${fmt(p.ttft)}\t${fmt(p.ttft)}\t${fmt(p.p99)}\t${fmt(p.tpot)}\t${fmt(p.itl)}`)
      expect(tradeoff).toContain(`${fmt(p.e2e)}\t${fmt(p.throughput)}`)
    }
    const counts = (text: string) =>
      text
        .split('\n')
        .slice(1)
        .reduce((n, line) => n + Number(line.split('\t')[1]), 0)
    expect(counts(await tableText('bench-1-ttft-hist'))).toBe(12)
    expect(counts(await tableText('bench-1-itl-hist'))).toBe(48)
  })

  it('shows tool-calling accuracy per category and per run', async () => {
    const bars = await tableText('tools-categories')
    expect(bars).toContain('overall\t87.5% (12 attempts)')
    expect(bars).toContain('parallel\t87.5% (7/8)')
    const history = await tableText('tools-history-1')
    for (const t of toolRuns) expect(history).toContain(`${fmt(t.accuracy * 100)}%`)
    expect(history).toContain('75.0% (3/4)')
  })

  it('shows the hardware, the profile cost and the energy estimate', async () => {
    const machine = await tableText('hardware-1')
    expect(machine).toContain(hardware.gpus[0]!.name)
    expect(machine).toContain('power limit 575 W')
    expect(machine).toContain('Profile\trtx5090')
    expect(machine).toContain('Hardware cost\t$1999.00')
    const wh = await tableText('energy-wh')
    const cost = await tableText('energy-cost')
    for (const p of benchPoints) {
      const e = energyCost({...options, powerW: 575, outputTokPerS: p.throughput, hardwareCostUsd: 1999})
      expect(wh).toContain(`${fmt(p.throughput)}\t575\tGPU power limit\t${fmt(e.whPerMTok)}`)
      expect(cost).toContain(
        `${usd(e.electricityUsdPerMTok)}\t$3.00\t${usd(e.savingUsdPerMTok)}\t$1999.00\t${fmt(e.breakEvenMonths as number)}`,
      )
    }
    expect(await page.locator('#energy').textContent()).toMatch(/Estimate: GPU power/)
  })

  it('fits a phone screen: no page-wide horizontal scroll, charts redrawn', async () => {
    await page.setViewportSize({width: 390, height: 844})
    await page.waitForTimeout(300)
    const {scrollWidth, canvasWidth} = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      canvasWidth: Math.max(...[...document.querySelectorAll('canvas')].map((c) => c.getBoundingClientRect().width)),
    }))
    expect(scrollWidth).toBeLessThanOrEqual(390)
    expect(canvasWidth).toBeLessThanOrEqual(390)
  })
})
