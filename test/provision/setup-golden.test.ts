import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {GOLDEN_ENV} from './fakes.js'

// `oac setup --dry-run` for three profiles on their captured hardware, compared with the expected output under
// fixtures/provision/. The environment fixes every path. UPDATE_GOLDEN=1 rewrites the expected files.

const root = new URL('../..', import.meta.url).pathname
const goldenEnv = GOLDEN_ENV

// rtx5090-ollama is a user profile (OAC_CONFIG_DIR/profiles/) that serves rtx5090's models with Ollama.
const cases: {profile: string; box: string; config?: string}[] = [
  {profile: 'rtx5090', box: 'rtx5090'},
  {profile: 'dual-4090', box: 'dual-4090'},
  {profile: 'm4-max', box: 'm4-max-128'},
  {profile: 'rtx5090-ollama', box: 'rtx5090', config: join(root, 'fixtures/provision/ollama-config')},
]

describe('oac setup --dry-run golden output', () => {
  for (const {profile, box, config} of cases)
    it(`${profile} on fixtures/hardware/${box}`, async () => {
      const r = await runCli(['setup', '--profile', profile, '--dry-run', '--hardware', `fixtures/hardware/${box}`], {
        env: {...goldenEnv, ...(config ? {OAC_CONFIG_DIR: config} : {})},
      })
      expect(r.stderr).toBe('')
      expect(r.exitCode).toBe(0)
      const golden = join(root, 'fixtures/provision', `setup-${profile}.dry-run.txt`)
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, `${r.stdout}\n`)
      expect(`${r.stdout}\n`).toBe(readFileSync(golden, 'utf8'))
      // Nothing was written where the dry run says it would write.
      expect(existsSync(goldenEnv.OAC_HOME)).toBe(false)
    })

  it('installs pinned versions and checks the Ollama archive instead of piping a script into sh', () => {
    const golden = (p: string) => readFileSync(join(root, 'fixtures/provision', `setup-${p}.dry-run.txt`), 'utf8')
    const installOf = (p: string) => golden(p).split(/\n\d+\. /)[2] ?? ''
    expect(installOf('dual-4090')).toContain('pip install vllm==0.28.0')
    expect(installOf('rtx5090')).toContain('git clone --depth 1 --branch b10864 ')
    expect(installOf('m4-max')).toContain('pip install mlx-lm==0.31.2')
    const ollama = installOf('rtx5090-ollama')
    expect(ollama).toMatch(
      /download https:\/\/github\.com\/ollama\/ollama\/releases\/download\/v0\.32\.15\/ollama-linux-amd64\.tar\.zst\n/,
    )
    expect(ollama).toContain(
      'SHA-256 is the one https://github.com/ollama/ollama/releases/download/v0.32.15/sha256sum.txt lists',
    )
    // The download (and its check) comes before the command that unpacks it.
    expect(ollama.indexOf('sha256sum.txt')).toBeLessThan(ollama.indexOf('$ tar --zstd -xf'))
    for (const p of ['rtx5090', 'dual-4090', 'm4-max', 'rtx5090-ollama']) {
      expect(golden(p)).not.toMatch(/\|\s*(ba|z)?sh\b/)
      expect(golden(p)).not.toContain('install.sh')
    }
    // The embedding model's remote code runs at pinned commits.
    expect(golden('dual-4090')).toMatch(
      /--trust-remote-code \\\n.*--revision [0-9a-f]{40} \\\n.*--code-revision [0-9a-f]{40}\n/,
    )
  })
})
