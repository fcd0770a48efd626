import {benchSection} from './bench-figures.js'
import type {Section} from './chart-kit.js'
import {costSection} from './cost-figures.js'
import {energySection} from './energy-figures.js'
import {hardwareSection} from './hardware-figures.js'
import {retrievalSection} from './retrieval-figures.js'
import {routingSection} from './routing-figures.js'
import {sweSection} from './swe-figures.js'
import {toolsSection} from './tool-figures.js'
import type {ReportModel} from './types.js'

// From the data model to what the page shows, section by section (one file each; shared chart helpers in chart-kit.ts).

export type {ChartConfig, Figure, Section, Table} from './chart-kit.js'
export {fmt, pct, runName, usd} from './chart-kit.js'

export function buildSections(model: ReportModel): Section[] {
  const sections = [hardwareSection(model)]
  model.bench.forEach((g, i) => {
    sections.push(benchSection(g, i))
  })
  if (model.tools.length) sections.push(toolsSection(model.tools))
  if (model.swe.length) sections.push(sweSection(model.swe))
  if (model.retrieval.length) sections.push(retrievalSection(model.retrieval))
  if (model.bench.length) sections.push(energySection(model))
  const routing = model.routing && routingSection(model.routing)
  if (routing) sections.push(routing)
  if (model.cost) sections.push(costSection(model.cost))
  return sections
}
