import {describe, it} from 'vitest'
import {admits} from './admission.js'

describe('shipped SWE suite admission rule', () => {
  it(
    'holds for every task of the Python (unittest) projects kvstore and semver',
    () => admits(['kvstore-', 'semver-']),
    240_000,
  )
})
