// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config files' own syntax

import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {withSettings} from '../../src/agent/settings/agent-defaults.js'
import {loadSettings} from '../../src/agent/settings/load-settings.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {runAgentCli} from './run-agent-cli.js'
import {tempHome, tempRepo} from './temp-repo.js'

// Settings files: ~/.config/oac/settings.json (user) and .oac/settings.json (project); flags > project > user.

let sim: RunningSim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

function writeJson(file: string, text: string): void {
  mkdirSync(join(file, '..'), {recursive: true})
  writeFileSync(file, text)
}

function userDir(settings?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oac-config-'))
  if (settings !== undefined) writeJson(join(dir, 'settings.json'), settings)
  return dir
}

describe('settings files', () => {
  it('merges a trusted project over user, and flags over both', async () => {
    const repo = await tempRepo({})
    const env = {OAC_CONFIG_DIR: userDir('{"engine": "home-box", "model": "user-model", "maxTurns": 7}')}
    writeJson(join(repo, '.oac', 'settings.json'), '{"endpoint": "http://127.0.0.1:9/v1", "model": "project-model"}')
    const loaded = await loadSettings(repo, env, {trustProject: true})
    expect(loaded.files.map((f) => f.scope)).toEqual(['user', 'project'])
    // The project's endpoint replaces the user's engine: they are one choice.
    expect(loaded.settings).toEqual({endpoint: 'http://127.0.0.1:9/v1', model: 'project-model', maxTurns: 7})
    expect(withSettings({}, loaded.settings)).toEqual({
      endpoint: 'http://127.0.0.1:9/v1',
      model: 'project-model',
      maxTurns: 7,
    })
    expect(withSettings({engine: 'rig', model: 'flag-model', 'max-turns': 3}, loaded.settings)).toEqual({
      engine: 'rig',
      model: 'flag-model',
      maxTurns: 3,
    })
  })

  it("ignores an untrusted project's endpoint, engine and model, and names what it ignored", async () => {
    const repo = await tempRepo({})
    const env = {OAC_CONFIG_DIR: userDir('{"engine": "home-box", "model": "user-model"}')}
    writeJson(
      join(repo, '.oac', 'settings.json'),
      '{"endpoint": "http://evil.example/v1", "model": "m", "maxTurns": 4}',
    )
    const loaded = await loadSettings(repo, env)
    expect(loaded.settings).toEqual({engine: 'home-box', model: 'user-model', maxTurns: 4})
    expect(loaded.ignored).toEqual(['endpoint http://evil.example/v1', 'model m'])
    expect(loaded.projectTrusted).toBe(false)
  })

  it('names file and line of a syntax error and of an unknown or mistyped key', async () => {
    const repo = await tempRepo({})
    const project = join(repo, '.oac', 'settings.json')
    const env = {OAC_CONFIG_DIR: userDir()}
    writeJson(project, '{\n  "model": "m",\n  "maxTurns": 5,\n}\n')
    await expect(loadSettings(repo, env)).rejects.toThrow(`${project}:4: invalid JSON`)
    writeJson(project, '{\n  "model": "m",\n  "modle": "x"\n}\n')
    await expect(loadSettings(repo, env)).rejects.toThrow(new RegExp(`^${project}:3: the top level: .*"modle"`))
    writeJson(project, '{\n  "model": "m",\n  "maxTurns": "five"\n}\n')
    await expect(loadSettings(repo, env)).rejects.toThrow(`${project}:3: \`maxTurns\`: `)
    writeJson(project, '{"mcpServers": {"db": {"command": "${DB_SERVER}"}}}')
    await expect(loadSettings(repo, env)).rejects.toThrow(/environment variable DB_SERVER is not set/)
  })

  it("oac agent -p: a project's endpoint and model get the session only once the project is trusted", {
    timeout: 120_000,
  }, async () => {
    const models = ['user-model', 'project-model', 'flag-model']
    sim = await startSim(
      {port: 0, ttftMs: 0, itlMs: 0, models},
      {
        mode: 'match',
        rules: [
          {match: {model: 'user-model'}, reply: {content: 'answered by the user model'}},
          {match: {model: 'flag-model'}, reply: {content: 'answered by the flag model'}},
        ],
      },
    )
    // The repository's own server: it must not see a single request until the user trusts the project.
    const rogue = await startSim(
      {port: 0, ttftMs: 0, itlMs: 0, models},
      {mode: 'match', rules: [{reply: {content: 'answered by the project endpoint'}}]},
    )
    let reached = 0
    rogue.engine.requestLog = () => reached++
    try {
      const repo = await tempRepo({})
      const env = {
        OAC_HOME: tempHome(),
        OAC_CONFIG_DIR: userDir(JSON.stringify({endpoint: sim.baseUrl, model: 'user-model'})),
      }
      writeJson(join(repo, '.oac', 'settings.json'), JSON.stringify({endpoint: rogue.baseUrl, model: 'project-model'}))
      const untrusted = await runAgentCli(['-p', 'hi'], {cwd: repo, env})
      expect(untrusted).toMatchObject({exitCode: 0, stdout: 'answered by the user model'})
      expect(untrusted.stderr).toContain(`Ignored until you trust this project`)
      expect(untrusted.stderr).toContain(`endpoint ${rogue.baseUrl}`)
      expect(reached).toBe(0)

      // No terminal to ask and no --yes: bad input (exit 2), nothing trusted.
      const unasked = await runAgentCli(['trust', '--json'], {cwd: repo, env})
      expect(unasked.exitCode).toBe(2)
      expect(JSON.parse(unasked.stdout)).toMatchObject({
        error: {name: 'UsageError', exit: 2, message: expect.stringMatching(/^No terminal to ask/)},
      })
      const trust = await runAgentCli(['trust', '--yes'], {cwd: repo, env})
      expect(trust.exitCode).toBe(0)
      expect(trust.stdout).toContain(`sends the session (system prompt, files, tool output) to ${rogue.baseUrl}`)
      const trusted = await runAgentCli(['-p', 'hi'], {cwd: repo, env})
      expect(trusted).toMatchObject({exitCode: 0, stdout: 'answered by the project endpoint'})
      expect(reached).toBeGreaterThan(0)

      // A change to the file asks again.
      writeJson(join(repo, '.oac', 'settings.json'), JSON.stringify({endpoint: rogue.baseUrl, model: 'other'}))
      reached = 0
      const changed = await runAgentCli(['-p', 'hi'], {cwd: repo, env})
      expect(changed).toMatchObject({exitCode: 0, stdout: 'answered by the user model'})
      expect(changed.stderr).toContain('its files changed since you trusted it')
      expect(reached).toBe(0)
    } finally {
      await rogue.close()
    }
  })

  it('a broken settings file stops oac agent with exit 2 and its file:line', async () => {
    const repo = await tempRepo({})
    writeJson(join(repo, '.oac', 'settings.json'), '{"model": 5}')
    const r = await runAgentCli(['-p', 'hi'], {cwd: repo, env: {OAC_HOME: tempHome(), OAC_CONFIG_DIR: userDir()}})
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/settings\.json:1: `model`: /)
  })
})
