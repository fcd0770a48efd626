import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import * as llamacpp from '../../src/engines/llamacpp.js'
import * as ollama from '../../src/engines/ollama.js'
import {engineVersion, PINS} from '../../src/engines/pins.js'
import {remoteCodeArgs} from '../../src/engines/python-server.js'
import * as sglang from '../../src/engines/sglang.js'
import * as vllm from '../../src/engines/vllm.js'
import {UsageError} from '../../src/errors.js'
import {loadHardware} from '../../src/hardware/load-captures.js'
import {builtinProfilesDir, loadCatalog} from '../../src/profiles/catalog.js'
import {findProfile, loadProfiles} from '../../src/profiles/load-profiles.js'
import {planProfile} from '../../src/profiles/plan.js'
import {printsVersion} from '../../src/provision/steps/engine.js'
import {runCli} from '../support/run-cli.js'

// What `oac setup` installs is pinned (src/engines/pins.ts), and Python a model runs with --trust-remote-code is
// pinned to commits in the catalog, or refused.

const hardware = (box: string) => loadHardware(join(import.meta.dirname, '../../fixtures/hardware', box))
const catalog = loadCatalog([builtinProfilesDir()])
const nomic = catalog.models['nomic-embed-text-v1.5']!
const commit = /^[0-9a-f]{40}$/

describe('engine versions', () => {
  it('pins an exact version or tag of every engine it installs from upstream', () => {
    expect(PINS.vllm.version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(PINS.sglang.version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(PINS.llamacpp.version).toMatch(/^b\d+$/)
    expect(PINS.ollama.version).toMatch(/^v\d+\.\d+\.\d+$/)
    expect(PINS.mlx.version).toMatch(/^\d+\.\d+\.\d+$/)
    for (const pin of Object.values(PINS)) expect(pin.source).toContain(pin.version)
  })

  it("knows each install's version as the engine's version command prints it, to tell an installed one apart", () => {
    const linux = hardware('rtx5090')
    // What each version command prints: `vllm --version`, `python -c 'print(sglang.__version__)'`,
    // `llama-server --version` (the tag's build number), `ollama --version`.
    const printed: [ReturnType<typeof vllm.install>, string][] = [
      [vllm.install(linux, {venv: '/v'}), `${PINS.vllm.version}\n`],
      [sglang.install(linux, {venv: '/v'}), `${PINS.sglang.version}+cu128\n`],
      [
        llamacpp.install(linux, {srcDir: '/s'}),
        `version: ${PINS.llamacpp.version.slice(1)} (1a2b3c4)\nbuilt with cc\n`,
      ],
      [ollama.install(linux), `ollama version is ${PINS.ollama.version.slice(1)}\n`],
    ]
    for (const [plan, output] of printed) {
      expect(plan.version).toBeDefined()
      expect(printsVersion(output, plan.version ?? '')).toBe(true)
    }
    expect(printsVersion('0.11.0\n', PINS.vllm.version)).toBe(false)
    expect(printsVersion('0.28.01', '0.28.0')).toBe(false)
    expect(printsVersion('10.28.0', '0.28.0')).toBe(false)
    expect(printsVersion('0.28.0rc1', '0.28.0')).toBe(false)
    expect(printsVersion('version: 108640 (x)', '10864')).toBe(false)
    // Homebrew's builds are not pinned: any installed one will do.
    expect(llamacpp.install(hardware('m4-max-128')).version).toBeUndefined()
  })

  it('installs another version when asked, and refuses one that is not a version', () => {
    const linux = hardware('rtx5090')
    expect(vllm.install(linux, {venv: '/v', engineVersion: '0.27.1'}).commands.at(-1)).toBe(
      '/v/bin/pip install vllm==0.27.1',
    )
    expect(llamacpp.install(linux, {srcDir: '/s', engineVersion: 'b10700'}).commands[0]).toContain('--branch b10700 ')
    expect(ollama.install(linux, {engineVersion: 'v0.31.0'}).downloads?.[0]?.url).toBe(
      'https://github.com/ollama/ollama/releases/download/v0.31.0/ollama-linux-amd64.tar.zst',
    )
    // It goes into a shell command line: nothing but a version gets through.
    for (const bad of ['latest', '0.28.0; rm -rf ~', 'master', ''])
      expect(() => engineVersion('vllm', bad)).toThrow(UsageError)
    expect(() => engineVersion('llamacpp', '0.28.0')).toThrow(/not a llamacpp version \(like b10864\)/)
    expect(() => engineVersion('ollama', '0.32.15')).toThrow(/like v0\.32\.15/)
  })

  it('fetches the ROCm archive as well on an AMD box, and the arm64 one on arm64', () => {
    const amd = hardware('rtx5090')
    const withAmd = {...amd, gpus: amd.gpus.map((g) => ({...g, vendor: 'amd' as const}))}
    expect(ollama.install(withAmd, {downloadsDir: '/d'}).downloads?.map((d) => d.dest)).toEqual([
      '/d/v0.32.15-ollama-linux-amd64.tar.zst',
      '/d/v0.32.15-ollama-linux-amd64-rocm.tar.zst',
    ])
    const arm = {...amd, os: {...amd.os, arch: 'arm64'}}
    expect(ollama.install(arm).downloads?.[0]?.url).toMatch(/ollama-linux-arm64\.tar\.zst$/)
  })

  it('oac setup --engine-version: a bad one exits 2 before anything runs', async () => {
    const dryRun = (version: string) =>
      runCli(
        [
          'setup',
          '--profile',
          'rtx5090',
          '--hardware',
          'fixtures/hardware/rtx5090',
          '--dry-run',
          '--engine-version',
          version,
        ],
        {env: {OAC_HOME: '/nonexistent/oac-home', OAC_CONFIG_DIR: '/nonexistent/oac-config'}},
      )
    const r = await dryRun('main')
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('--engine-version "main" is not a llamacpp version (like b10864)')
    const ok = await dryRun('b10700')
    expect(ok.exitCode).toBe(0)
    expect(ok.stdout).toContain('git clone --depth 1 --branch b10700 https://github.com/ggml-org/llama.cpp')
  })
})

describe('models served with --trust-remote-code', () => {
  const hw = hardware('dual-4090')
  const plan = planProfile(findProfile(loadProfiles(catalog, [builtinProfilesDir()]), 'dual-4090'), hw, catalog)
  const embedding = plan.models.find((m) => m.role === 'embedding')!

  it('the catalog pins nomic-embed and the repository its code comes from to commits', () => {
    expect(nomic.revision).toMatch(commit)
    expect(nomic.remoteCode).toEqual({repo: 'nomic-ai/nomic-bert-2048', revision: expect.stringMatching(commit)})
  })

  it('vLLM loads the pinned checkpoint and code, and hf download fetches that commit', () => {
    const server = vllm.launch({planned: embedding, plan, spec: nomic, hw, port: 1})
    const tail = server.command.slice(server.command.indexOf('--trust-remote-code'))
    expect(tail).toEqual([
      '--trust-remote-code',
      '--revision',
      nomic.revision,
      '--code-revision',
      nomic.remoteCode?.revision,
    ])
    expect(server.weights).toEqual({kind: 'hf', repo: 'nomic-ai/nomic-embed-text-v1.5', revision: nomic.revision})
  })

  it('refuses code it cannot pin, unless allowed, and says how to pin it', () => {
    const unpinned = {...nomic, revision: undefined, remoteCode: undefined}
    expect(() => remoteCodeArgs('vllm', 'nomic-embed-text-v1.5', unpinned, unpinned.hf ?? '')).toThrow(
      /not pinned: the catalog pins no revision \(commit\) of nomic-ai\/nomic-embed-text-v1.5.*revision: <commit>.*--allow-unpinned-code/,
    )
    // Another repository than the catalog's: the pinned commit is not its commit.
    expect(() => remoteCodeArgs('vllm', 'nomic-embed-text-v1.5', nomic, 'someone/nomic-fork')).toThrow(
      /someone\/nomic-fork is not the catalog's nomic-ai\/nomic-embed-text-v1.5/,
    )
    const allowed = remoteCodeArgs('vllm', 'x', unpinned, unpinned.hf ?? '', {allowUnpinnedCode: true})
    expect(allowed.args).toEqual(['--trust-remote-code'])
    expect(allowed.notes[0]).toMatch(/not pinned \(--allow-unpinned-code\)/)
    // Same-repository code with a pinned revision is pinned on SGLang too.
    expect(remoteCodeArgs('sglang', 'x', {...nomic, remoteCode: undefined}, nomic.hf ?? '').args).toEqual([
      '--trust-remote-code',
      '--revision',
      nomic.revision,
    ])
  })

  it('a refused model is listed as not served, and the other models still are', () => {
    const unpinned = {
      ...catalog,
      models: {...catalog.models, 'nomic-embed-text-v1.5': {...nomic, revision: undefined}},
    }
    for (const engine of [vllm, sglang]) {
      const launch = engine.launchPlan(plan, unpinned, hw)
      expect(launch.servers.map((s) => s.role)).toEqual(['primary', 'fast'])
      expect(launch.skipped[0]).toMatchObject({
        role: 'embedding',
        reason: expect.stringContaining('--trust-remote-code'),
      })
    }
  })
})

describe('oac setup --allow-unpinned-code', () => {
  // dual-4090 served by SGLang, as a user profile: SGLang cannot pin nomic-embed's code repository.
  const config = mkdtempSync(join(tmpdir(), 'oac-pins-'))
  afterAll(() => rmSync(config, {recursive: true, force: true}))
  const builtin = readFileSync(join(builtinProfilesDir(), 'dual-4090.yaml'), 'utf8')
  mkdirSync(join(config, 'profiles'))
  writeFileSync(
    join(config, 'profiles', 'dual-4090-sglang.yaml'),
    builtin.replace('id: dual-4090', 'id: dual-4090-sglang').replace('engine: vllm', 'engine: sglang'),
  )
  const dryRun = (...extra: string[]) =>
    runCli(
      ['setup', '--profile', 'dual-4090-sglang', '--hardware', 'fixtures/hardware/dual-4090', '--dry-run', ...extra],
      {
        env: {OAC_HOME: join(config, 'home'), OAC_CONFIG_DIR: config},
      },
    )

  it('leaves out the model whose code cannot be pinned, and serves it only when allowed', async () => {
    const refused = await dryRun()
    expect(refused.exitCode).toBe(0)
    expect(refused.stdout).toMatch(/not served: embedding nomic-embed-text-v1.5: .*sglang cannot pin/)
    expect(refused.stdout).not.toContain('--is-embedding')
    const allowed = await dryRun('--allow-unpinned-code')
    expect(allowed.exitCode).toBe(0)
    expect(allowed.stdout).toMatch(/--is-embedding \\\n.*--trust-remote-code/)
    expect(allowed.stdout).toMatch(/embedding: runs remote code that is not pinned \(--allow-unpinned-code\)/)
  })
})
