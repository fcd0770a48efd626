import {describe, expect, it, vi} from 'vitest'
import {ciClient, INSTALL_CLIENTS} from '../support/ci-clients.js'

// The README's `npm ci && npm test` runs on a fresh clone without .ci/clients: a test that needs a real client skips
// with the install command; .ci/run sets OAC_REQUIRE_CI_CLIENTS=1 so CI fails instead of skipping.
describe('real clients missing from .ci/clients', () => {
  const ctx = () => ({
    skip: vi.fn((note?: string) => {
      throw new Error(`skipped: ${note}`)
    }) as never,
  })

  it('skip the test with a note naming the install command', () => {
    vi.stubEnv('OAC_REQUIRE_CI_CLIENTS', '')
    const c = ctx()
    expect(() => ciClient(c, 'no-such-client')).toThrow(`skipped: no-such-client is not installed in .ci/clients`)
    expect((c as {skip: ReturnType<typeof vi.fn>}).skip).toHaveBeenCalledWith(expect.stringContaining(INSTALL_CLIENTS))
    vi.unstubAllEnvs()
  })

  it('fail it, without skipping, where OAC_REQUIRE_CI_CLIENTS=1 (.ci/run)', () => {
    vi.stubEnv('OAC_REQUIRE_CI_CLIENTS', '1')
    const c = ctx()
    expect(() => ciClient(c, 'no-such-client')).toThrow(/OAC_REQUIRE_CI_CLIENTS=1 forbids skipping/)
    expect((c as {skip: ReturnType<typeof vi.fn>}).skip).not.toHaveBeenCalled()
    vi.unstubAllEnvs()
  })

  it('.ci/run sets the variable before the README test command', async () => {
    const {readFileSync} = await import('node:fs')
    const run = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')
    expect(run).toMatch(/export OAC_REQUIRE_CI_CLIENTS=1\n[\s\S]*npm ci && npm test/)
  })
})
