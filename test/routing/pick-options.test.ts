import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {pickOptionsFromFlags} from '../../src/routing/pick/parse-flags.js'
import {loadPolicyFile} from '../../src/routing/pick/policy-file.js'
import {defaultPolicy} from '../../src/routing/pick/types.js'

describe('route pick floors', () => {
  it('flags beat the policy file, which beats the defaults', () => {
    const o = pickOptionsFromFlags({'min-decode-tok-s': '35'}, {minDecodeTokS: 25, minFastToolAccuracy: 0.8})
    expect(o.policy).toEqual({...defaultPolicy, minDecodeTokS: 35, minFastToolAccuracy: 0.8})
  })

  it('a bad flag says what was expected and what arrived', () => {
    expect(() => pickOptionsFromFlags({'min-fast-tool-accuracy': '80%'}, {})).toThrow(
      'Expected --min-fast-tool-accuracy to be a number ≥ 0 and ≤ 1, got "80%"',
    )
  })

  it('a bad policy file names its line and field; a missing one is no policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-policy-'))
    const file = join(dir, 'route-policy.yaml')
    expect(loadPolicyFile(file)).toEqual({})
    writeFileSync(file, 'minDecodeTokS: 30\nminFastToolAccuracy: 60\n')
    expect(() => loadPolicyFile(file)).toThrow(`${file}:2: \`minFastToolAccuracy\``)
    writeFileSync(file, 'minDecodeTokS: 30\n')
    expect(loadPolicyFile(file)).toEqual({minDecodeTokS: 30})
  })
})

describe('route pick --agent-weights', () => {
  it('parses swe and tool weights, and refuses anything else', () => {
    expect(pickOptionsFromFlags({'agent-weights': 'swe=1, tool=0.5'}, {}).policy?.agentWeights).toEqual({
      swe: 1,
      tool: 0.5,
    })
    expect(() => pickOptionsFromFlags({'agent-weights': 'speed=1'}, {})).toThrow(
      'Expected --agent-weights like swe=1,tool=0.5, got "speed=1"',
    )
    expect(() => pickOptionsFromFlags({'agent-weights': 'swe=0'}, {})).toThrow('a weight above 0')
  })
})
