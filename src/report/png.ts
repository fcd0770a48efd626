import {existsSync} from 'node:fs'
import {pathToFileURL} from 'node:url'
import {ReportError} from './types.js'

// PNG screenshots of each chart with the system's Chromium through playwright-core; never downloads a browser.

export const defaultChromium = '/usr/bin/chromium'

/** The Chromium to drive: $OAC_CHROMIUM, else /usr/bin/chromium; a clear error when it is missing. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.OAC_CHROMIUM || defaultChromium
  if (!existsSync(path))
    throw new ReportError(
      `--png needs Chromium at ${path}, which is missing: install it (e.g. \`sudo apt-get install chromium\`) ` +
        'or set OAC_CHROMIUM to its path; oac never downloads a browser',
    )
  return path
}

/** Writes `<prefix>-<chart id>.png` for every chart of the page at `htmlFile`; returns the files, in page order. */
export async function screenshotCharts(
  htmlFile: string,
  prefix: string,
  executablePath = chromiumPath(),
): Promise<string[]> {
  const {chromium} = await import('playwright-core')
  const browser = await chromium.launch({executablePath, headless: true})
  try {
    const page = await browser.newPage({viewport: {width: 1200, height: 900}, deviceScaleFactor: 2})
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(pathToFileURL(htmlFile).href)
    await page.waitForFunction(
      () => (window as unknown as {oacChartsReady?: number}).oacChartsReady !== undefined,
      null,
      {
        timeout: 15_000,
      },
    )
    if (errors.length) throw new ReportError(`the report page failed to draw its charts: ${errors.join('; ')}`)
    const files: string[] = []
    for (const figure of await page.locator('figure:has(canvas)').all()) {
      const id = await figure.getAttribute('data-figure')
      if (!id) continue
      const file = `${prefix}-${id}.png`
      await figure.screenshot({path: file})
      files.push(file)
    }
    return files
  } finally {
    await browser.close()
  }
}
