import type {DownloadProgress} from './download.js'

// One line of download progress for people waiting on a multi-GiB model: bytes so far of the total, the rate over
// this transfer (resumed bytes do not count as speed) and the time left at that rate.

const MiB = 1024 ** 2
const GiB = 1024 ** 3

export function formatBytes(n: number): string {
  return n >= GiB ? `${(n / GiB).toFixed(2)} GiB` : `${(n / MiB).toFixed(1)} MiB`
}

export function formatDuration(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`
}

/** `elapsedS`: seconds since this transfer started. */
export function downloadProgressLine(p: DownloadProgress, elapsedS: number): string {
  const done = p.total
    ? `${formatBytes(p.received)} of ${formatBytes(p.total)} (${Math.floor((p.received / p.total) * 100)}%)`
    : formatBytes(p.received)
  const fetched = p.received - p.resumedFrom
  if (elapsedS <= 0 || fetched <= 0)
    return `${done}${p.resumedFrom ? `, resumed at ${formatBytes(p.resumedFrom)}` : ''}`
  const rate = fetched / elapsedS
  const eta =
    p.total !== undefined && p.total > p.received ? ` · ETA ${formatDuration((p.total - p.received) / rate)}` : ''
  return `${done} · ${formatBytes(rate)}/s${eta}`
}
