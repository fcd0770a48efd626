import {axes, color, type Figure, fmt, hardwareCost, type Section, usd} from './chart-kit.js'
import type {ReportModel} from './types.js'

export function energySection(model: ReportModel): Section {
  const {options, energy} = model
  const intro =
    `Estimate: GPU power from the stored hardware (the board power limit, the most a GPU draws under load; else the ` +
    `draw read by oac detect), divided by the measured output throughput; CPU, RAM and PSU losses are left out. ` +
    `Electricity at ${usd(options.electricityPrice)}/kWh; cloud at ${usd(options.cloudPrice)} per million output ` +
    `tokens; break-even at the measured throughput for ${fmt(options.hoursPerDay, 0)} h a day.` +
    (model.energyNote ? ` ${model.energyNote}` : '')
  const figures: Figure[] = []
  if (energy.length) {
    const labels = energy.map((e) => `#${e.runId} ${e.point}`)
    figures.push({
      id: 'energy-wh',
      title: 'Energy per million output tokens (estimate)',
      chart: {
        type: 'bar',
        data: {
          labels,
          datasets: [
            {label: 'Wh per million output tokens', data: energy.map((e) => e.whPerMTok), backgroundColor: color(3)},
          ],
        },
        options: axes('run and point', 'Wh / M tokens'),
      },
      table: {
        columns: ['Run', 'Model', 'Point', 'Output tok/s', 'GPU power (W)', 'Power from', 'Wh / M tokens'],
        rows: energy.map((e) => [
          `#${e.runId}`,
          e.engine ? `${e.model} on ${e.engine}` : e.model,
          e.point,
          fmt(e.outputThroughput),
          fmt(e.powerW, 0),
          e.powerSource,
          fmt(e.whPerMTok),
        ]),
      },
    })
    figures.push({
      id: 'energy-cost',
      title: 'Cost per million output tokens: local electricity vs cloud',
      chart: {
        type: 'bar',
        data: {
          labels,
          datasets: [
            {
              label: 'local electricity (USD / M tokens)',
              data: energy.map((e) => e.electricityUsdPerMTok),
              backgroundColor: color(2),
            },
            {label: 'cloud (USD / M tokens)', data: energy.map((e) => e.cloudUsdPerMTok), backgroundColor: color(1)},
          ],
        },
        options: axes('run and point', 'USD / M tokens'),
      },
      table: {
        columns: [
          'Run',
          'Point',
          'Electricity / M tokens',
          'Cloud / M tokens',
          'Saving / M tokens',
          'Hardware cost',
          'Break-even (months)',
        ],
        rows: energy.map((e) => [
          `#${e.runId}`,
          e.point,
          usd(e.electricityUsdPerMTok),
          usd(e.cloudUsdPerMTok),
          usd(e.savingUsdPerMTok),
          hardwareCost(e.hardwareCostUsd),
          e.breakEvenMonths === undefined ? '—' : e.breakEvenMonths === null ? 'never' : fmt(e.breakEvenMonths),
        ]),
      },
    })
  }
  return {id: 'energy', title: 'Energy and cost (estimate)', intro, figures}
}
