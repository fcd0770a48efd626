import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'

const home = mkdtempSync(join(tmpdir(), 'oac-fleet-home-'))
const env = {HOME: home, OAC_HOME: join(home, 'oac'), OAC_CONFIG_DIR: join(home, 'config')}

describe('oac fleet plan', () => {
  it('exits 1 with the reason and no launch commands when the layout is refused, JSON included', async () => {
    const inventory = join(import.meta.dirname, 'inventories', 'two-4090-boxes-1gbe.yml')
    const run = await runCli(['fleet', 'plan', '-i', inventory, '-m', 'glm-4.5-air', '--layout', 'tensor', '--json'], {
      env,
    })
    expect(run.exitCode).toBe(1)
    const plan = JSON.parse(run.stdout)
    expect(plan.refused).toMatch(/1 Gb\/s/)
    expect(plan.launch).toEqual([])
  })
})
