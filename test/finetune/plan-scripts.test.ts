import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {planFinetune} from '../../src/finetune/plan/plan.js'
import {adapterLaunch} from '../../src/finetune/plan/serve-command.js'
import {runCli} from '../support/run-cli.js'

// What `oac finetune plan --out` writes for each profile, as golden files (test/finetune/golden/<profile>/); the
// Python compiles and the shell passes shellcheck (installed by .ci/run). And each engine's launch plan for a
// tuned model, checked against the flags its documentation gives (src/finetune/plan/serve-command.ts).

const CASES = [
  {profile: 'rtx5090', model: 'qwen2.5-coder-7b', seqLen: 8192, fits: true},
  {profile: 'dual-4090', model: 'qwen3-coder-30b-a3b', seqLen: 4096, fits: true},
  {profile: 'm4-max', model: 'qwen2.5-coder-32b', seqLen: 8192, fits: true},
]

describe('finetune plan scripts', () => {
  it.each(CASES)('$profile: $model', async ({profile, model, seqLen, fits}) => {
    const out = join(mkdtempSync(join(tmpdir(), 'oac-ft-plan-')), 'run')
    const card = join(mkdtempSync(join(tmpdir(), 'oac-ft-card-')), 'card.json')
    writeFileSync(card, JSON.stringify({tokens: {total: 500_000, max: 8000}}))
    const plan = planFinetune({profile, model, method: 'qlora', seqLen, batch: 1, rank: 32, epochs: 2, card, out})
    expect(plan.fits).toBe(fits)
    expect(plan.time).toMatchObject({tokensSource: 'card', throughput: 'assumed'})
    for (const name of readdirSync(out).sort()) {
      const text = readFileSync(join(out, name), 'utf8').replaceAll(card.replace('card.json', ''), '$DATA/')
      await expect(text).toMatchFileSnapshot(`golden/${profile}/${name}`)
    }
    const python = readdirSync(out).filter((f) => f.endsWith('.py'))
    for (const f of python)
      expect((await execa('python3', ['-m', 'py_compile', join(out, f)], {reject: false})).stderr).toBe('')
    const shell = readdirSync(out).filter((f) => f.endsWith('.sh'))
    const check = await execa('shellcheck', ['--severity=style', ...shell.map((f) => join(out, f))], {reject: false})
    expect(check.exitCode, `${check.stdout}${check.stderr}`).toBe(0)
  })

  it('refuses a model that does not fit, and a folder that already holds a plan (exit 1 and 2)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'oac-ft-plan-')), 'run')
    const big = await runCli(['finetune', 'plan', '--profile', 'dual-4090', '--model', 'llama-3.3-70b', '--json'])
    expect(big.exitCode).toBe(1)
    expect(JSON.parse(big.stdout)).toMatchObject({fits: false, backend: 'cuda'})
    planFinetune({
      profile: 'rtx5090',
      model: 'qwen2.5-coder-7b',
      method: 'qlora',
      seqLen: 2048,
      batch: 1,
      rank: 16,
      epochs: 1,
      out,
    })
    expect(() =>
      planFinetune({
        profile: 'rtx5090',
        model: 'qwen2.5-coder-7b',
        method: 'qlora',
        seqLen: 2048,
        batch: 1,
        rank: 16,
        epochs: 1,
        out,
      }),
    ).toThrow(/exists: choose an empty --out folder/)
  })

  it('launches a base model with its adapter under the tuned name, on each engine', () => {
    const o = {base: 'Qwen/Qwen2.5-Coder-7B-Instruct', adapter: '/srv/ft/adapter', name: 'coder-tuned', rank: 32}
    expect(adapterLaunch('vllm', o).argv.join(' ')).toBe(
      'vllm serve Qwen/Qwen2.5-Coder-7B-Instruct --port 8000 --enable-lora --lora-modules coder-tuned=/srv/ft/adapter --max-lora-rank 32',
    )
    expect(adapterLaunch('vllm', {...o, rank: 16}).argv).not.toContain('--max-lora-rank')
    expect(
      adapterLaunch('llamacpp', {...o, base: 'base.gguf', adapter: 'adapter.gguf', port: 8080}).argv.join(' '),
    ).toBe('llama-server -m base.gguf --lora adapter.gguf --alias coder-tuned --port 8080 --jinja')
    expect(adapterLaunch('ollama', {...o, base: 'qwen2.5-coder:7b', adapter: './adapter.gguf'})).toMatchObject({
      argv: ['ollama', 'create', 'coder-tuned', '-f', 'Modelfile'],
      files: {Modelfile: 'FROM qwen2.5-coder:7b\nADAPTER ./adapter.gguf\n'},
    })
    expect(adapterLaunch('mlx', {...o, base: 'mlx-community/Qwen2.5-Coder-7B-Instruct-4bit'}).argv.join(' ')).toBe(
      'mlx_lm.server --model mlx-community/Qwen2.5-Coder-7B-Instruct-4bit --adapter-path /srv/ft/adapter --port 8000',
    )
  })
})
