import {describe, expect, it} from 'vitest'
import {BUILTIN_TOOLS} from '../../../src/agent/tools/index.js'

// What the model sees: a change to a tool's schema or description shows up here and in the prompt budget.
describe('built-in tool schemas', () => {
  it('match the snapshot', () => {
    expect(BUILTIN_TOOLS.map((t) => t.spec.function)).toMatchSnapshot()
  })
})
