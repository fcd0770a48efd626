import {describe, expect, it} from 'vitest'
import {downloadProgressLine, formatDuration} from '../../src/provision/download-progress.js'

const MiB = 1024 ** 2
const GiB = 1024 ** 3

describe('download progress line', () => {
  it('shows bytes of the total, the rate and the time left at that rate', () => {
    // 1 GiB fetched in 10 s = 102.4 MiB/s; 3 GiB left → 30 s.
    expect(downloadProgressLine({received: GiB, total: 4 * GiB, resumedFrom: 0}, 10)).toBe(
      '1.00 GiB of 4.00 GiB (25%) · 102.4 MiB/s · ETA 30 s',
    )
  })

  it('does not count resumed bytes as speed', () => {
    // 3 GiB were on disk already; 512 MiB came in 4 s = 128 MiB/s; 512 MiB left → 4 s.
    expect(downloadProgressLine({received: 3.5 * GiB, total: 4 * GiB, resumedFrom: 3 * GiB}, 4)).toBe(
      '3.50 GiB of 4.00 GiB (87%) · 128.0 MiB/s · ETA 4 s',
    )
  })

  it('without a total: bytes and rate, no ETA; before any byte: no rate', () => {
    expect(downloadProgressLine({received: 300 * MiB, resumedFrom: 0}, 3)).toBe('300.0 MiB · 100.0 MiB/s')
    expect(downloadProgressLine({received: GiB, total: 2 * GiB, resumedFrom: GiB}, 0)).toBe(
      '1.00 GiB of 2.00 GiB (50%), resumed at 1.00 GiB',
    )
  })

  it('writes long waits in minutes and hours', () => {
    expect(formatDuration(125)).toBe('2 min 5 s')
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3 h 20 min')
  })
})
