import type {RoutePickOptions} from './route-pick.js'
import {RoutePickError} from './route-pick.js'

/** A number flag, checked: `Expected --min-decode-tok-s to be a number ≥ 0, got "fast"`. */
function numberFlag(name: string, text: string, max = Number.POSITIVE_INFINITY): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > max)
    throw new RoutePickError(
      `Expected --${name} to be a number ≥ 0${max < Infinity ? ` and ≤ ${max}` : ''}, got "${text}"`,
    )
  return value
}

export function pickOptionsFromFlags(flags: {
  write?: string
  'min-decode-tok-s': string
  'max-coding-p90-ttft-ms': string
  'min-fast-tool-accuracy': string
  'min-long-context-accuracy': string
  'hardware-fingerprint'?: string
}): RoutePickOptions {
  return {
    ...(flags.write ? {write: flags.write} : {}),
    ...(flags['hardware-fingerprint'] ? {hardwareFingerprint: flags['hardware-fingerprint']} : {}),
    policy: {
      minDecodeTokS: numberFlag('min-decode-tok-s', flags['min-decode-tok-s']),
      maxCodingP90TtftMs: numberFlag('max-coding-p90-ttft-ms', flags['max-coding-p90-ttft-ms']),
      minFastToolAccuracy: numberFlag('min-fast-tool-accuracy', flags['min-fast-tool-accuracy'], 1),
      minLongContextAccuracy: numberFlag('min-long-context-accuracy', flags['min-long-context-accuracy'], 1),
    },
  }
}
