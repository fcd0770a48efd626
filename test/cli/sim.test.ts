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

  it('answers a 5 MB prompt at once (no tokenizer hang), and SIGTERM stops it even with one in flight', async () => {
    const sim = await startSimProcess([])
    const huge = (n: number) =>
      fetch(`${sim.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({model: 'sim-model', messages: [{role: 'user', content: 'a'.repeat(n)}], max_tokens: 2}),
      })
    const started = performance.now()
    const r = await huge(5 * 1024 * 1024)
    expect(r.status).toBe(400)
    expect((await r.json()).error.message).toMatch(/maximum context length is 262144 tokens/)
    expect(performance.now() - started).toBeLessThan(10_000)
    const inFlight = huge(5 * 1024 * 1024).catch((error: Error) => error)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await sim.stop('SIGTERM')).toBe(0)
    await inFlight
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
