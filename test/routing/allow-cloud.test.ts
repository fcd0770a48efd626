import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadSettings} from '../../src/agent/settings/load-settings.js'
import {userAllowsCloud} from '../../src/routing/allow-cloud.js'
import {loadRoutingConfig} from '../../src/routing/config.js'
import {shippedPrices} from '../../src/routing/cost/price-table.js'

// Cloud routing costs money and takes prompts off the box: only the user's own settings turn it on, and a cloud
// upstream's key lives in an environment variable, never in a file.

const configDir = process.env.OAC_CONFIG_DIR as string
const userSettings = (json: unknown) => {
  mkdirSync(configDir, {recursive: true})
  writeFileSync(join(configDir, 'settings.json'), JSON.stringify(json))
}
const cloud = (extra: string) =>
  `upstreams:\n  - name: c\n    kind: anthropic\n    url: https://api.anthropic.com\n    models: [claude-sonnet-4-5]\n${extra}`

describe('allowCloud', () => {
  it('is off by default and on only from the user settings', async () => {
    expect(await userAllowsCloud()).toBe(false)
    userSettings({allowCloud: true})
    expect(await userAllowsCloud()).toBe(true)
    userSettings({allowCloud: false})
    expect(await userAllowsCloud()).toBe(false)
  })

  it('cannot be set by a project, trusted or not', async () => {
    userSettings({})
    const project = join(process.env.HOME as string, 'proj')
    mkdirSync(join(project, '.oac'), {recursive: true})
    writeFileSync(join(project, '.oac', 'settings.json'), JSON.stringify({allowCloud: true}))
    for (const trustProject of [false, true]) {
      const loaded = await loadSettings(project, process.env, {trustProject})
      expect(loaded.settings.allowCloud).toBeUndefined()
      expect(loaded.ignored).toContain('allowCloud true (only your own settings can allow the cloud)')
    }
    process.chdir(project)
    expect(await userAllowsCloud()).toBe(false)
  })

  it('cannot be set by a routing file', () => {
    const text = `allowCloud: true\nupstreams:\n  - name: a\n    url: http://127.0.0.1:1/v1\n    models: [m]\n`
    expect(() => loadRoutingConfig('r.yaml', text)).toThrow(
      /r\.yaml:1: `allowCloud`: a routing file cannot allow the cloud/,
    )
  })
})

describe('cloud upstreams in routing.yaml', () => {
  it('take the key from a variable, never from the file', () => {
    expect(() => loadRoutingConfig('r.yaml', cloud('    apiKey: sk-ant-123\n'))).toThrow(
      /`upstreams\.0\.apiKey`: a cloud key is never written in a file: .*apiKeyEnv: ANTHROPIC_API_KEY/,
    )
    expect(() => loadRoutingConfig('r.yaml', cloud(''))).toThrow(/needs apiKeyEnv/)
    const ok = loadRoutingConfig('r.yaml', cloud('    apiKeyEnv: ANTHROPIC_API_KEY\n'))
    expect(ok.upstreams[0]).toMatchObject({kind: 'anthropic', apis: ['messages', 'chat'], healthPath: '/v1/models'})
  })

  it('need a price for every model: the shipped table, a dated snapshot of it, or their own', () => {
    expect(shippedPrices().date).toMatch(/^\d{4}-\d\d-\d\d$/)
    const snapshot = cloud('    apiKeyEnv: K\n').replace('claude-sonnet-4-5', 'claude-sonnet-4-5-20250929')
    expect(() => loadRoutingConfig('r.yaml', snapshot)).not.toThrow()
    const unknown = cloud('    apiKeyEnv: K\n').replace('claude-sonnet-4-5', 'claude-next')
    expect(() => loadRoutingConfig('r.yaml', unknown)).toThrow(/`upstreams\.0\.models\.0`: no price for `claude-next`/)
    const priced = `${unknown}    prices: {claude-next: {input: 1, output: 2}}\n`
    expect(() => loadRoutingConfig('r.yaml', priced)).not.toThrow()
  })
})
