import {chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {configYamlSchema} from '@continuedev/config-yaml'
import {parse as parseToml} from 'smol-toml'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import {settingsSchema} from '../../src/agent/settings/settings-schema.js'
import {applyClients} from '../../src/routing/apply/apply-clients.js'
import {type ApplyContext, clientIds} from '../../src/routing/apply/types.js'

// Golden files: what each writer produces in an empty home, byte for byte. Regenerate with UPDATE_GOLDEN=1 after a
// deliberate change, and read the diff.
const goldenDir = new URL('../../fixtures/routing/golden/', import.meta.url).pathname
let home: string

function context(overrides: Partial<ApplyContext> = {}): ApplyContext {
  return {
    routerUrl: 'http://127.0.0.1:4000',
    models: {
      agent: {name: 'qwen3-coder-30b-a3b', contextLength: 65536, maxOutputTokens: 16384},
      fast: {name: 'qwen2.5-coder-7b', contextLength: 32768, maxOutputTokens: 4096},
      embeddings: {name: 'nomic-embed-text-v1.5'},
    },
    home,
    cwd: join(home, 'project'),
    configHome: join(home, '.config'),
    ...overrides,
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)))
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'oac-apply-'))
})
afterEach(async () => {
  await rm(home, {recursive: true, force: true})
})

describe('oac route apply: client config writers', () => {
  it.each(clientIds)('%s writes the golden config into an empty home', async (client) => {
    const [result] = await applyClients(context(), [client], {dryRun: false})
    expect(result?.files.every((f) => f.outcome === 'written')).toBe(true)
    for (const file of await filesUnder(home)) {
      const text = (await readFile(join(home, file), 'utf8')).replaceAll(home, '$HOME')
      const golden = join(goldenDir, client, file)
      if (process.env.UPDATE_GOLDEN) {
        await mkdir(dirname(golden), {recursive: true})
        await writeFile(golden, text)
      }
      expect(text, file).toBe(await readFile(golden, 'utf8'))
    }
  })

  it('keeps what the user had in every file, backs it up, and a second run changes nothing', async () => {
    const claude = join(home, '.claude', 'settings.json')
    const codex = join(home, '.codex', 'config.toml')
    const opencode = join(home, '.config', 'opencode', 'opencode.json')
    const cont = join(home, '.continue', 'config.yaml')
    const aider = join(home, '.aider.conf.yml')
    const qwen = join(home, '.qwen', 'settings.json')
    for (const f of [claude, codex, opencode, cont, qwen]) await mkdir(dirname(f), {recursive: true})
    const claudeBefore = JSON.stringify({permissions: {allow: ['Bash(npm test:*)']}, env: {MY_VAR: 'x'}})
    await writeFile(claude, claudeBefore)
    await writeFile(codex, 'approval_policy = "on-request"\n\n[mcp_servers.docs]\ncommand = "docs-mcp"\n')
    await writeFile(opencode, JSON.stringify({theme: 'tokyonight', provider: {other: {name: 'Other'}}}))
    await writeFile(
      cont,
      'name: Mine\nversion: 0.0.1\nschema: v1\nmodels:\n  - name: My GPT\n    provider: openai\n    model: gpt-4o\n',
    )
    await writeFile(aider, 'dark-mode: true\nauto-commits: false\n')
    await writeFile(
      qwen,
      JSON.stringify({ui: {theme: 'Dracula'}, modelProviders: {openai: [{id: 'mine', envKey: 'K'}]}}),
    )

    const results = await applyClients(context(), [...clientIds], {dryRun: false})
    expect(results.flatMap((r) => r.files).filter((f) => f.outcome !== 'written')).toEqual([])

    const claudeAfter = JSON.parse(await readFile(claude, 'utf8'))
    expect(claudeAfter.permissions).toEqual({allow: ['Bash(npm test:*)']})
    expect(claudeAfter.env).toMatchObject({MY_VAR: 'x', ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000'})
    const backup = results[0]?.files[0]?.backup
    expect(backup && (await readFile(backup, 'utf8'))).toBe(claudeBefore)

    const codexAfter = parseToml(await readFile(codex, 'utf8'))
    expect(codexAfter.approval_policy).toBe('on-request')
    expect(codexAfter.mcp_servers).toEqual({docs: {command: 'docs-mcp'}})
    expect((codexAfter.model_providers as Record<string, unknown>).oac).toMatchObject({
      wire_api: 'responses',
      base_url: 'http://127.0.0.1:4000/v1',
    })

    const opencodeAfter = JSON.parse(await readFile(opencode, 'utf8'))
    expect(opencodeAfter.theme).toBe('tokyonight')
    expect(Object.keys(opencodeAfter.provider).sort()).toEqual(['oac', 'other'])

    const contAfter = parseYaml(await readFile(cont, 'utf8'))
    expect(contAfter.name).toBe('Mine')
    expect(contAfter.models.map((m: {name: string}) => m.name)).toEqual([
      'My GPT',
      'qwen3-coder-30b-a3b (oac)',
      'qwen2.5-coder-7b (oac)',
      'nomic-embed-text-v1.5 (oac)',
    ])
    expect(parseYaml(await readFile(aider, 'utf8'))).toMatchObject({'dark-mode': true, 'auto-commits': false})
    const qwenAfter = JSON.parse(await readFile(qwen, 'utf8'))
    expect(qwenAfter.ui).toEqual({theme: 'Dracula'})
    expect(qwenAfter.modelProviders.openai.map((m: {id: string}) => m.id)).toEqual([
      'qwen3-coder-30b-a3b',
      'qwen2.5-coder-7b',
      'mine',
    ])

    const again = await applyClients(context(), [...clientIds], {dryRun: false})
    expect(again.flatMap((r) => r.files.map((f) => f.outcome))).toEqual(
      again.flatMap((r) => r.files.map(() => 'unchanged')),
    )
  })

  it('--dry-run prints the diff and writes nothing', async () => {
    const [result] = await applyClients(context(), ['codex'], {dryRun: true})
    expect(result?.files[0]?.diff).toContain('+wire_api = "responses"')
    expect(await filesUnder(home)).toEqual([])
  })

  it('a file it cannot parse fails alone, is left as it was, and names the file', async () => {
    const claude = join(home, '.claude', 'settings.json')
    await mkdir(dirname(claude), {recursive: true})
    await writeFile(claude, '{"env": {')
    const results = await applyClients(context(), ['claude-code', 'codex'], {dryRun: false})
    expect(results[0]?.files[0]).toMatchObject({outcome: 'failed'})
    expect(results[0]?.files[0]?.error).toContain(`${claude} is not valid JSON`)
    expect(await readFile(claude, 'utf8')).toBe('{"env": {')
    expect(results[1]?.files.every((f) => f.outcome === 'written')).toBe(true)
  })

  it('files holding the key are created readable by the user alone', async () => {
    await applyClients(context({apiKey: 'sk-router-1'}), ['claude-code'], {dryRun: false})
    const info = await stat(join(home, '.claude', 'settings.json'))
    expect(info.mode & 0o777).toBe(0o600)
  })

  it('a key file a client loosened (Qwen Code rewrites its settings 0644) gets 0600 back, and apply says so', async () => {
    const qwen = join(home, '.qwen', 'settings.json')
    await applyClients(context({apiKey: 'sk-router-1'}), ['qwen-code'], {dryRun: false})
    await chmod(qwen, 0o644)
    const [dry] = await applyClients(context({apiKey: 'sk-router-1'}), ['qwen-code'], {dryRun: true})
    expect(dry?.files[0]).toMatchObject({outcome: 'unchanged', tightened: '0644 -> 0600'})
    expect((await stat(qwen)).mode & 0o777).toBe(0o644)
    const [fixed] = await applyClients(context({apiKey: 'sk-router-1'}), ['qwen-code'], {dryRun: false})
    expect(fixed?.files[0]).toMatchObject({outcome: 'unchanged', tightened: '0644 -> 0600'})
    expect((await stat(qwen)).mode & 0o777).toBe(0o600)
    // Rewritten over a loosened file: the file and its backup (which holds the old key) are private again.
    await chmod(qwen, 0o644)
    const [rewritten] = await applyClients(context({apiKey: 'sk-router-2'}), ['qwen-code'], {dryRun: false})
    expect(rewritten?.files[0]).toMatchObject({outcome: 'written', tightened: '0644 -> 0600'})
    expect((await stat(qwen)).mode & 0o777).toBe(0o600)
    expect((await stat(rewritten?.files[0]?.backup as string)).mode & 0o777).toBe(0o600)
  })

  it("oac's own settings validate against the agent's settings schema", async () => {
    await applyClients(context(), ['oac'], {dryRun: false})
    const written = JSON.parse(await readFile(join(home, '.config', 'oac', 'settings.json'), 'utf8'))
    expect(settingsSchema.parse(written)).toEqual({
      endpoint: 'http://127.0.0.1:4000/v1',
      model: 'qwen3-coder-30b-a3b',
      smallModel: 'qwen2.5-coder-7b',
    })
  })

  it("Continue's config validates against Continue's own schema (@continuedev/config-yaml)", async () => {
    await applyClients(context(), ['continue'], {dryRun: false})
    const written = parseYaml(await readFile(join(home, '.continue', 'config.yaml'), 'utf8'))
    const result = configYamlSchema.safeParse(written)
    expect(result.error?.issues ?? []).toEqual([])
  })
})
