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
  it('merges project over user, and flags over both', async () => {
    const repo = await tempRepo({})
    const env = {OAC_CONFIG_DIR: userDir('{"engine": "home-box", "model": "user-model", "maxTurns": 7}')}
    writeJson(join(repo, '.oac', 'settings.json'), '{"endpoint": "http://127.0.0.1:9/v1", "model": "project-model"}')
    const loaded = await loadSettings(repo, env)
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

  it('oac agent -p takes endpoint and model from the settings, the project winning over the user', async () => {
    const models = ['user-model', 'project-model', 'flag-model']
    sim = await startSim(
      {port: 0, ttftMs: 0, itlMs: 0, models},
      {
        mode: 'match',
        rules: [
          {match: {model: 'project-model'}, reply: {content: 'answered by the project model'}},
          {match: {model: 'flag-model'}, reply: {content: 'answered by the flag model'}},
        ],
      },
    )
    const repo = await tempRepo({})
    const env = {
      OAC_HOME: tempHome(),
      OAC_CONFIG_DIR: userDir(JSON.stringify({endpoint: sim.baseUrl, model: 'user-model'})),
    }
    writeJson(join(repo, '.oac', 'settings.json'), JSON.stringify({model: 'project-model'}))
    const fromSettings = await runAgentCli(['-p', 'hi'], {cwd: repo, env})
    expect(fromSettings).toMatchObject({exitCode: 0, stdout: 'answered by the project model'})
    const fromFlag = await runAgentCli(['-p', 'hi', '--model', 'flag-model'], {cwd: repo, env})
    expect(fromFlag).toMatchObject({exitCode: 0, stdout: 'answered by the flag model'})
  })

  it('a broken settings file stops oac agent with exit 2 and its file:line', async () => {
    const repo = await tempRepo({})
    writeJson(join(repo, '.oac', 'settings.json'), '{"model": 5}')
    const r = await runAgentCli(['-p', 'hi'], {cwd: repo, env: {OAC_HOME: tempHome(), OAC_CONFIG_DIR: userDir()}})
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/settings\.json:1: `model`: /)
  })
})
