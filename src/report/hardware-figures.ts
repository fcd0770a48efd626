import {day, type Figure, fmt, hardwareCost, type Section} from './chart-kit.js'
import type {ReportModel} from './types.js'

export function hardwareSection(model: ReportModel): Section {
  const figures: Figure[] = model.hardware.map((h, i) => ({
    id: `hardware-${i + 1}`,
    title: h.fingerprint === 'unknown' ? 'Hardware not recorded' : `Machine ${h.fingerprint.slice(0, 12)}`,
    table: {
      columns: ['Item', 'Value'],
      rows: [
        ['Runs', h.runIds.map((id) => `#${id}`).join(', ')],
        ...(h.os ? [['OS', h.os]] : []),
        ...(h.cpu ? [['CPU', h.cpu]] : []),
        ...(h.ramGiB !== undefined ? [['RAM', `${fmt(h.ramGiB, 0)} GiB`]] : []),
        ...(h.apple ? [['Apple silicon', h.apple]] : []),
        ...h.gpus.map((g, n) => [
          `GPU ${n}`,
          [
            g.name,
            g.vramTotalMiB !== undefined ? `${fmt(g.vramTotalMiB / 1024)} GiB` : '',
            g.powerLimitW !== undefined ? `power limit ${fmt(g.powerLimitW, 0)} W` : '',
            g.powerDrawW !== undefined ? `draw at detection ${fmt(g.powerDrawW, 0)} W` : '',
          ]
            .filter(Boolean)
            .join(', '),
        ]),
        ['Profile', h.profile ?? 'unknown'],
        ['Hardware cost', hardwareCost(h.hardwareCostUsd)],
      ],
    },
  }))
  figures.push({
    id: 'runs',
    title: 'Runs in this report',
    table: {
      columns: ['Run', 'Kind', 'Model', 'Engine', 'Status', 'Started'],
      rows: model.runs.map((r) => [`#${r.id}`, r.kind, r.model, r.engine ?? '—', r.status, day(r.startedAt)]),
    },
  })
  return {id: 'hardware', title: 'Hardware and profile', figures}
}
