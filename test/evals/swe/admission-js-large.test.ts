import {describe, it} from 'vitest'
import {admits} from './admission.js'

describe('shipped SWE suite admission rule', () => {
  it('holds for every task of ledger and the 45-file shopfront', () => admits(['ledger-', 'shopfront-']), 240_000)
})
