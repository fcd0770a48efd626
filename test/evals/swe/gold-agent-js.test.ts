import {describe, it} from 'vitest'
import {goldAgentResolves} from './gold-agent.js'

describe('oac eval swe with the built-in agent playing the gold patch', () => {
  it(
    'resolves every JavaScript task of textkit, argv and ledger',
    () => goldAgentResolves(['textkit-', 'argv-', 'ledger-']),
    240_000,
  )
})
