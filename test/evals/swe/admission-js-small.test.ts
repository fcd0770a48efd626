import {describe, it} from 'vitest'
import {admits} from './admission.js'

describe('shipped SWE suite admission rule', () => {
  it('holds for every task of textkit and argv', () => admits(['textkit-', 'argv-']), 240_000)
})
