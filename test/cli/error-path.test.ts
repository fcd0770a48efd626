import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Config, type Errors} from '@oclif/core'
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest'
import {SessionNotFoundError} from '../../src/agent/session-store.js'
import {BenchSetupError} from '../../src/bench/run-bench.js'
import {OacCommand} from '../../src/cli/oac-command.js'
import {TargetError} from '../../src/cli/resolve-target.js'
import {OacError, UsageError} from '../../src/errors.js'
import {BfclImportError} from '../../src/evals/tool-calling/bfcl/import.js'
import {EvalSetupError} from '../../src/evals/tool-calling/run-eval.js'
import {GateError} from '../../src/gate/types.js'
import {LlmError} from '../../src/llm/errors.js'
import {UnknownProfileError} from '../../src/profiles/load-profiles.js'
import {ConfigError} from '../../src/profiles/load-yaml.js'
import {ChecksumError, DownloadError} from '../../src/provision/download-errors.js'
import {ReportError} from '../../src/report/types.js'
import {ConfigFileError} from '../../src/routing/apply/formats.js'
import {CorruptDatabaseError, NewerSchemaError, StoreError} from '../../src/store/errors.js'
import {runCli} from '../support/run-cli.js'

// Every error kind a module throws, with the exit code the user gets (DESIGN.md: 1 failed, 2 bad input).
const KINDS: [Error, number][] = [
  [new UsageError('Expected --itl-ms to be a non-negative number, got `-3`'), 2],
  [new ConfigError('profiles/x.yaml', 3, '`engine`: expected one of vllm, llamacpp'), 2],
  [new UnknownProfileError('nope', ['rtx5090', 'cpu']), 2],
  [new TargetError('Give --endpoint or --engine, not both'), 2],
  [new SessionNotFoundError('No session abc in this project'), 2],
  [new ReportError('No run 999 in the results store'), 2],
  [new GateError('no run 999 in the results store'), 2],
  [new EvalSetupError('Unknown category `poetry`'), 2],
  [new BfclImportError('multi_turn files need BFCL executable backends'), 2],
  [new ConfigFileError('~/.codex/config.toml:3: expected a table'), 2],
  [new EvalSetupError('Model `gpt-9` is not served by http://x/v1', 1), 1],
  [new BenchSetupError('Model `gpt-9` is not served by http://x/v1'), 1],
  [new LlmError('connection', 'http://127.0.0.1:9/v1', 'Cannot connect to http://127.0.0.1:9/v1'), 1],
  [new StoreError('The results database is locked', '/tmp/oac.db'), 1],
  [new CorruptDatabaseError('/tmp/oac.db', 'file is not a database'), 2],
  [new NewerSchemaError('/tmp/oac.db', 9, 3), 2],
  [new DownloadError('HTTP 404 for https://x/model.gguf'), 1],
  [new ChecksumError('model.gguf', 'aa', 'bb'), 1],
  [new Error('a bug: something unexpected'), 1],
]

let config: Config
beforeAll(async () => {
  config = await Config.load(new URL('../..', import.meta.url).pathname)
})
afterEach(() => {
  process.exitCode = undefined
  vi.restoreAllMocks()
})

/** A command whose run throws the given error, with oclif's --json flag. */
function thrower(error: Error) {
  return class Thrower extends OacCommand {
    static override enableJsonFlag = true
    async run(): Promise<void> {
      throw error
    }
  }
}

describe('one error path for every command', () => {
  it.each(KINDS)('%s: text mode ends with its exit code and message', async (error, exit) => {
    const thrown = await thrower(error)
      .run([], config)
      .then(
        () => undefined,
        (e: unknown) => e as Errors.CLIError,
      )
    expect(thrown?.message).toBe(error.message)
    // oclif's handler prints the message as `Error: MESSAGE` and exits with `oclif.exit`, 1 when absent.
    expect(thrown?.oclif?.exit ?? 1).toBe(exit)
  })

  it.each(KINDS)(
    '%s: --json prints {error: {name, message, exit}} and sets the same exit code',
    async (error, exit) => {
      const out: string[] = []
      vi.spyOn(console, 'log').mockImplementation((text: string) => out.push(text))
      await thrower(error).run(['--json'], config)
      vi.restoreAllMocks()
      expect(JSON.parse(out.join(''))).toEqual({error: {name: error.name, message: error.message, exit}})
      expect(process.exitCode).toBe(exit)
    },
  )

  it('names each kind after its class, and every kind is an OacError but the bug', () => {
    for (const [error] of KINDS.slice(0, -1)) {
      expect(error).toBeInstanceOf(OacError)
      expect(error.name).toBe(error.constructor.name)
    }
  })
})

// The same path end to end: the process exit code matches the `exit` field of the JSON error.
describe('oac error exits', {timeout: 60_000}, () => {
  const env = {OAC_HOME: mkdtempSync(join(tmpdir(), 'oac-error-path-'))}

  it('bad input: exit 2, `Error: MESSAGE` on stderr, or the JSON error on stdout', async () => {
    const [text, json] = await Promise.all([
      runCli(['report', '--cloud-price', 'free'], {env}),
      runCli(['report', '--cloud-price', 'free', '--json'], {env}),
    ])
    expect(text.exitCode).toBe(2)
    expect(text.stderr).toMatch(/Error: --cloud-price must be a non-negative number, not `free`/)
    expect(json.exitCode).toBe(2)
    expect(JSON.parse(json.stdout)).toEqual({
      error: {name: 'ReportError', message: '--cloud-price must be a non-negative number, not `free`', exit: 2},
    })
  })

  it('failure: exit 1 with the JSON error saying exit 1', async () => {
    const json = await runCli(
      ['eval', 'tool-calling', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--json'],
      {
        env,
      },
    )
    expect(json.exitCode).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({error: {exit: 1}})
  })
})
