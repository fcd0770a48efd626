import {describe, expect, it} from 'vitest'
import {oacConfigDir, oacHome} from '../src/paths.js'

describe('oacHome', () => {
  it('prefers OAC_HOME', () => {
    expect(oacHome({OAC_HOME: '/data/oac'})).toBe('/data/oac')
  })
  it('falls back to the XDG data dir', () => {
    expect(oacHome({XDG_DATA_HOME: '/x/data'})).toBe('/x/data/oac')
  })
  it('uses the XDG config dir for user profiles', () => {
    expect(oacConfigDir({XDG_CONFIG_HOME: '/x/cfg'})).toBe('/x/cfg/oac')
  })
})
