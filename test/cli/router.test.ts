import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'

// `oac router` from the shell: bad input exits 2 with a message a person can act on.

const dir = mkdtempSync(join(tmpdir(), 'oac-router-cli-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('oac router', () => {
  it('exits 2 naming file, line and expected shape of a malformed routing file', async () => {
    const file = join(dir, 'bad.yaml')
    writeFileSync(file, 'upstreams:\n  - name: a\n    url: http://127.0.0.1:1/v1\n    models: qwen\n')
    const {exitCode, stderr} = await runCli(['router', '--config', file, '--port', '0'])
    expect(exitCode).toBe(2)
    expect(stderr).toContain(`${file}:4: \`upstreams.0.models\``)
  })

  it('exits 2 when bound beyond loopback without API keys', async () => {
    const file = join(dir, 'good.yaml')
    writeFileSync(file, 'upstreams:\n  - {name: a, url: "http://127.0.0.1:1/v1", models: [m]}\n')
    const {exitCode, stderr} = await runCli(['router', '--config', file, '--port', '0', '--host', '0.0.0.0'], {
      env: {OAC_ROUTER_API_KEYS: ''},
    })
    expect(exitCode).toBe(2)
    expect(stderr).toMatch(/apiKeys .*OAC_ROUTER_API_KEYS/)
  })
})
