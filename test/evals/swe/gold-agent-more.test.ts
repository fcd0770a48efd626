import {describe, it} from 'vitest'
import {goldAgentResolves} from './gold-agent.js'

describe('oac eval swe with the built-in agent playing the gold patch', () => {
  it(
    'resolves every task of the 45-file shopfront project and the Python projects',
    () => goldAgentResolves(['shopfront-', 'kvstore-', 'semver-']),
    240_000,
  )
})
