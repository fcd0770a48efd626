import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'

// `oac setup --dry-run` for three profiles on their captured hardware, compared with the expected output under
// fixtures/provision/. The environment fixes every path. UPDATE_GOLDEN=1 rewrites the expected files.

const root = new URL('../..', import.meta.url).pathname
const home = '/home/oac-test'
const goldenEnv = {
  HOME: home,
  OAC_HOME: `${home}/.local/share/oac`,
  OAC_CONFIG_DIR: '',
  XDG_CONFIG_HOME: `${home}/.config`,
  XDG_DATA_HOME: '',
  HF_ENDPOINT: '',
  HF_TOKEN: '',
}

const cases = [
  {profile: 'rtx5090', box: 'rtx5090'},
  {profile: 'dual-4090', box: 'dual-4090'},
  {profile: 'm4-max', box: 'm4-max-128'},
]

describe('oac setup --dry-run golden output', () => {
  for (const {profile, box} of cases)
    it(`${profile} on fixtures/hardware/${box}`, async () => {
      const r = await runCli(['setup', '--profile', profile, '--dry-run', '--hardware', `fixtures/hardware/${box}`], {
        env: goldenEnv,
      })
      expect(r.stderr).toBe('')
      expect(r.exitCode).toBe(0)
      const golden = join(root, 'fixtures/provision', `setup-${profile}.dry-run.txt`)
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, `${r.stdout}\n`)
      expect(`${r.stdout}\n`).toBe(readFileSync(golden, 'utf8'))
      // Nothing was written where the dry run says it would write.
      expect(existsSync(goldenEnv.OAC_HOME)).toBe(false)
    })
})
