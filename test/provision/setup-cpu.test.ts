import {describe, expect, it} from 'vitest'
import {buildSetup} from '../../src/provision/setup.js'

// `oac setup --profile cpu` (the profile `oac detect` picks on a box without a GPU) used to stop with "cannot
// provision the embedded engine", exit 1 and no hint. The embedded engine runs inside oac; setup plans the profile's
// fallback server (llama.cpp) and says so, naming `oac serve` for the in-process way.
describe('oac setup for the cpu profile', () => {
  it('plans the fallback llama.cpp server and names oac serve', async () => {
    const setup = await buildSetup({profile: 'cpu', hardwarePath: 'fixtures/hardware/cpu-linux', env: {HOME: '/h'}})
    expect(setup.ctx.plan.engine).toBe('llamacpp')
    expect(setup.ctx.plan.notes.join('\n')).toMatch(/embedded engine runs inside oac \(`oac serve --model PATH\.gguf`/)
    expect(setup.steps.map((s) => s.group)).toContain('engine')
  })
})
