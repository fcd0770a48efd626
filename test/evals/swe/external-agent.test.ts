import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {startSim} from '../../../src/engines/sim.js'
import {DONE_RULE} from '../../../src/evals/swe/gold-script.js'
import {ciClient, ciClientPath} from '../../support/ci-clients.js'
import {runCli} from '../../support/run-cli.js'

// A real external agent from npm, Qwen Code (pinned in .ci/clients, installed by .ci/run), fixes a shipped task
// through `--agent 'cmd:…'` against `oac sim`: the script has it run a shell command that makes the fix, with its
// own run_shell_command tool, then answer. The template is the one the README documents.

const QWEN = ciClientPath('qwen')
const TEMPLATE = `cmd:${QWEN} "$(cat {problem_file})" --yolo --auth-type openai --openai-base-url {endpoint} --openai-api-key local -m {model} --output-format stream-json`

describe('oac eval swe with Qwen Code as the agent', () => {
  it('resolves a task, and the trace holds Qwen Code stream-json events', async (ctx) => {
    ciClient(ctx, 'qwen')
    const fix = "sed -i 's/goodsCents > DEFAULTS/goodsCents >= DEFAULTS/' src/services/shipping.js"
    const sim = await startSim(
      {port: 0, ttftMs: 0, itlMs: 0},
      {
        mode: 'match',
        rules: [
          DONE_RULE,
          {
            match: {lastUser: 'Order of exactly \\$50\\.00 is charged shipping'},
            reply: {toolCalls: [{name: 'run_shell_command', arguments: {command: fix, is_background: false}}]},
          },
        ],
      },
    )
    const home = mkdtempSync(join(tmpdir(), 'oac-swe-qwen-home-'))
    try {
      const r = await runCli(
        [
          'eval',
          'swe',
          '--agent',
          TEMPLATE,
          '--instances',
          'shopfront-free-shipping-threshold',
          '--endpoint',
          sim.baseUrl,
          '--model',
          'sim-model',
          '--repos',
          join(home, 'repos'),
          '--json',
        ],
        {env: {OAC_HOME: home, HOME: home}, timeout: 180_000},
      )
      const report = JSON.parse(r.stdout)
      expect(report.instances, r.stderr).toEqual([
        expect.objectContaining({instance_id: 'shopfront-free-shipping-threshold', status: 'resolved'}),
      ])
      expect(report.agent).toBe(TEMPLATE)
      expect(r.exitCode).toBe(0)
      const {Store} = await import('../../../src/store/store.js')
      const store = Store.open(join(home, 'oac.db'))
      try {
        const [sample] = store.samples(report.runId)
        const trace = ((sample?.data as {trace?: string} | undefined)?.trace ?? '')
          .split('\n')
          .map((l) => JSON.parse(l))
        expect(trace.some((e) => e.type === 'result' && e.subtype === 'success')).toBe(true)
      } finally {
        store.close()
      }
    } finally {
      await sim.close()
    }
  }, 200_000)
})
