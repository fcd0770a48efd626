import {describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startSimProcess} from '../support/sim-process.js'

describe('oac sim', () => {
  it('serves until Ctrl-C and exits 0', async () => {
    const sim = await startSimProcess(['--model', 'qwen3-coder', '--context', '8192'])
    const models = await (await fetch(`${sim.baseUrl}/models`)).json()
    expect(models.data).toEqual([expect.objectContaining({id: 'qwen3-coder', max_model_len: 8192})])
    expect(await sim.stop()).toBe(0)
  })

  it('exits 2 naming the line of a bad script', async () => {
    const {exitCode, stderr} = await runCli(['sim', '--port', '0', '--script', 'fixtures/sim/broken.yaml'])
    expect(exitCode).toBe(2)
    expect(stderr).toMatch(/broken\.yaml:5: `rules\.0\.reply\.toolCalls`/)
  })

  it('rejects a negative latency with what was expected', async () => {
    const {exitCode, stderr} = await runCli(['sim', '--itl-ms', '-3'])
    expect(exitCode).toBe(2)
    expect(stderr).toContain('Expected --itl-ms to be a non-negative number, got `-3`')
  })
})
