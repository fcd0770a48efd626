import {loadPolicyFile} from './policy-file.js'
import {RoutePickError, type RoutePickOptions} from './route-pick.js'
import {defaultPolicy, type PickPolicy} from './types.js'

/** A number flag, checked: `Expected --min-decode-tok-s to be a number ≥ 0, got "fast"`. */
function numberFlag(name: string, text: string, max = Number.POSITIVE_INFINITY): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > max)
    throw new RoutePickError(
      `Expected --${name} to be a number ≥ 0${max < Infinity ? ` and ≤ ${max}` : ''}, got "${text}"`,
    )
  return value
}

type PickFlags = {
  write?: string
  'min-decode-tok-s'?: string
  'max-coding-p90-ttft-ms'?: string
  'min-fast-tool-accuracy'?: string
  'min-long-context-accuracy'?: string
  'hardware-fingerprint'?: string
  'agent-weights'?: string
  routing?: string
  fleet?: string
}

/** `swe=1,tool=0.5` → {swe: 1, tool: 0.5}; a key left out weighs 0. */
function weightsFlag(text: string): {swe: number; tool: number} {
  const weights = {swe: 0, tool: 0}
  for (const part of text.split(',')) {
    const [key, value] = part.split('=').map((x) => x.trim())
    if ((key !== 'swe' && key !== 'tool') || value === undefined)
      throw new RoutePickError(`Expected --agent-weights like swe=1,tool=0.5, got "${text}"`)
    weights[key] = numberFlag('agent-weights', value)
  }
  if (weights.swe === 0 && weights.tool === 0)
    throw new RoutePickError(`Expected --agent-weights to give swe or tool a weight above 0, got "${text}"`)
  return weights
}

/** Floors: defaults, then ~/.config/oac/route-policy.yaml, then the flags given on this run. */
export function pickOptionsFromFlags(flags: PickFlags, file: Partial<PickPolicy> = loadPolicyFile()): RoutePickOptions {
  const given = (name: keyof PickFlags, max?: number) => {
    const text = flags[name]
    return text === undefined ? undefined : numberFlag(name, text, max)
  }
  const fromFlags: Record<
    'minDecodeTokS' | 'maxCodingP90TtftMs' | 'minFastToolAccuracy' | 'minLongContextAccuracy',
    number | undefined
  > = {
    minDecodeTokS: given('min-decode-tok-s'),
    maxCodingP90TtftMs: given('max-coding-p90-ttft-ms'),
    minFastToolAccuracy: given('min-fast-tool-accuracy', 1),
    minLongContextAccuracy: given('min-long-context-accuracy', 1),
  }
  const policy: PickPolicy = {...defaultPolicy, ...file}
  if (flags['agent-weights']) policy.agentWeights = weightsFlag(flags['agent-weights'])
  for (const [key, value] of Object.entries(fromFlags))
    if (value !== undefined) policy[key as keyof typeof fromFlags] = value
  return {
    ...(flags.write ? {write: flags.write} : {}),
    ...(flags.routing ? {routing: flags.routing} : {}),
    ...(flags['hardware-fingerprint'] ? {hardwareFingerprint: flags['hardware-fingerprint']} : {}),
    ...(flags.fleet ? {fleet: flags.fleet} : {}),
    policy,
  }
}
