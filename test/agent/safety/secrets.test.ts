import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {DEFAULT_ENV_POLICY, envPolicySchema, shellEnvironment} from '../../../src/agent/shell/env-policy.js'
import type {Script} from '../../../src/engines/sim/script.js'
import {runInRepo} from '../run-in-repo.js'
import {tempHome, tempRepo} from '../temp-repo.js'

// The probe's decoy secrets: variables a developer's shell really has. `env` run by the agent must show none of
// them, so neither the model (the sim answers LEAKED when a tool result carries one) nor the store sees them.

const DECOYS = {
  OPENAI_API_KEY: 'sk-decoy-openai-0123456789abcdef',
  ANTHROPIC_API_KEY: 'sk-ant-decoy-0123456789abcdef',
  HF_TOKEN: 'hf_decoyDECOYdecoyDECOYdecoy0123',
  AWS_ACCESS_KEY_ID: 'AKIADECOYDECOY012345',
  AWS_SECRET_ACCESS_KEY: 'decoy/aws/secret/0123456789abcdefghijklmn',
  GITHUB_TOKEN: 'ghp_decoy0123456789abcdefghijklmnopqrst',
  DB_PASSWORD: 'decoy-db-password-42',
  OAC_API_KEY: 'oac-decoy-key-42',
  // Round 3: credentials whose names say PWD, PAT or DSN, and one whose value says it (a URL with a password).
  DATABASE_URL: 'postgres://app:decoy-db-url-pw-77@db.internal:5432/app',
  MYSQL_PWD: 'decoy-mysql-pwd-42',
  GH_PAT: 'decoy-gh-pat-0123456789',
  SENTRY_DSN: 'https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42',
}
const anyDecoy = Object.values(DECOYS)
  .map((v) => v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
  .join('|')

beforeEach(() => Object.assign(process.env, DECOYS))
afterEach(() => {
  for (const k of Object.keys(DECOYS)) delete process.env[k]
})

describe('shell environment policy', () => {
  it('drops credentials by default and keeps what tools need', () => {
    const env = shellEnvironment({...DECOYS, PATH: '/usr/bin', HOME: '/home/me', LANG: 'C.UTF-8', KEYBOARD: 'x'})
    expect(env).toEqual({PATH: '/usr/bin', HOME: '/home/me', LANG: 'C.UTF-8'})
    expect(DEFAULT_ENV_POLICY.inherit).toBe('all')
  })

  it('inherit core|none, includeOnly, exclude and set', () => {
    const base = {PATH: '/bin', HOME: '/h', EDITOR: 'vi', NODE_ENV: 'test', HF_TOKEN: 't'}
    const policy = (p: object) => envPolicySchema.parse(p)
    expect(shellEnvironment(base, policy({inherit: 'core'}))).toEqual({PATH: '/bin', HOME: '/h'})
    expect(shellEnvironment(base, policy({inherit: 'none', set: {CI: '1'}}))).toEqual({CI: '1'})
    expect(shellEnvironment(base, policy({includeOnly: ['PATH', 'NODE_*']}))).toEqual({PATH: '/bin', NODE_ENV: 'test'})
    expect(shellEnvironment(base, policy({exclude: ['editor']}))).toEqual({PATH: '/bin', HOME: '/h', NODE_ENV: 'test'})
    expect(shellEnvironment(base, policy({ignoreDefaultExcludes: true}))).toHaveProperty('HF_TOKEN', 't')
  })

  it('oac agent: `env` in bash shows no decoy to the model or the store', async () => {
    const repo = await tempRepo({'a.txt': 'x\n'})
    const home = tempHome()
    const script: Script = {
      mode: 'match',
      rules: [
        {match: {toolResult: anyDecoy}, reply: {content: 'LEAKED'}},
        {match: {toolResult: 'PATH='}, reply: {content: 'clean'}},
        {reply: {toolCalls: [{name: 'bash', arguments: {command: 'env; printenv OPENAI_API_KEY HF_TOKEN'}}]}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'show me the environment', dbFile: join(home, 'oac.db')})
    expect(run.result).toMatchObject({status: 'success', text: 'clean'})
    const output = run.of('tool_result')[0]?.output ?? ''
    expect(output).toMatch(/PATH=/)
    expect(output).not.toMatch(new RegExp(anyDecoy))
    // The files of the store (the checkpoints folder beside it holds the project's files, not the session's).
    for (const file of readdirSync(home, {withFileTypes: true}).filter((f) => f.isFile()))
      expect(readFileSync(join(home, file.name), 'latin1')).not.toMatch(new RegExp(anyDecoy))
  })

  it('oac agent: a file that holds a credential of the environment shows it redacted, in the model and the store', async () => {
    const repo = await tempRepo({'notes.txt': `db: root / ${DECOYS.MYSQL_PWD}\nsentry: ${DECOYS.SENTRY_DSN}\n`})
    const home = tempHome()
    const script: Script = {
      mode: 'match',
      rules: [
        {match: {toolResult: anyDecoy}, reply: {content: 'LEAKED'}},
        {match: {toolResult: 'REDACTED:env'}, reply: {content: 'clean'}},
        {reply: {toolCalls: [{name: 'bash', arguments: {command: 'cat notes.txt'}}]}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'read my notes', dbFile: join(home, 'oac.db')})
    expect(run.result).toMatchObject({status: 'success', text: 'clean'})
    expect(run.of('tool_result')[0]?.output).toBe('db: root / [REDACTED:env]\nsentry: [REDACTED:env]\n[exit code 0]')
    for (const file of readdirSync(home, {withFileTypes: true}).filter((f) => f.isFile()))
      expect(readFileSync(join(home, file.name), 'latin1')).not.toMatch(new RegExp(anyDecoy))
  })
})
