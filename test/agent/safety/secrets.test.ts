import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {decide, OPEN_POLICY} from '../../../src/agent/permissions/decide.js'
import {parseRule} from '../../../src/agent/permissions/permission-rule.js'
import {DEFAULT_ENV_POLICY, envPolicySchema, shellEnvironment} from '../../../src/agent/shell/env-policy.js'
import {editTool} from '../../../src/agent/tools/edit.js'
import {grepTool} from '../../../src/agent/tools/grep.js'
import {writeTool} from '../../../src/agent/tools/write.js'
import type {Script} from '../../../src/engines/sim/script.js'
import {runInRepo} from '../run-in-repo.js'
import {tempHome, tempRepo} from '../temp-repo.js'
import {toolContext} from '../tools/context.js'

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

  it('grep never searches .env files, keys or credential stores, whatever the glob, unless the user allowed it', async () => {
    const repo = await tempRepo({
      '.env': `OPENAI_API_KEY=${DECOYS.OPENAI_API_KEY}\n`,
      '.env.production': 'DB_PASSWORD=decoy-prod-pw-1\n',
      'deploy/id_ed25519': 'decoy key material\n',
      '.npmrc': '//registry.npmjs.org/:_authToken=decoy-npm\n',
      'src/app.js': 'const key = process.env.OPENAI_API_KEY\n',
    })
    const ctx = toolContext(repo)
    for (const glob of ['.env', '.env*', '**/.env*', '*', undefined]) {
      const out = await grepTool.run({pattern: 'KEY|PASSWORD|_authToken|material', ...(glob ? {glob} : {})}, ctx)
      expect(out, String(glob)).not.toMatch(/decoy/)
    }
    expect(await grepTool.run({pattern: 'KEY|PASSWORD|_authToken|material'}, ctx)).toBe(
      'src/app.js:1:const key = process.env.OPENAI_API_KEY\n' +
        "(.env, .env.production, .npmrc, deploy/id_ed25519 not searched: secret files are read only with the user's permission)",
    )
    // An allow rule in the user's own settings (only theirs reach the policy's allow list) opens one.
    const allowed = {...ctx, permissions: {...OPEN_POLICY, allow: [parseRule('read(.env.production)')]}}
    expect(await grepTool.run({pattern: 'DB_PASSWORD|KEY', glob: '.env*'}, allowed)).toBe(
      ".env.production:1:DB_PASSWORD=decoy-prod-pw-1\n(.env not searched: secret files are read only with the user's permission)",
    )
  })

  it('read asks a person for a key or credential store inside the project, as for .env', () => {
    for (const path of ['.env.local', 'deploy/id_rsa', 'certs/server.pem', '.npmrc', '.git-credentials'])
      expect(decide({tool: 'read', args: {path}, mutates: false, root: '/p'}, OPEN_POLICY), path).toMatchObject({
        kind: 'ask',
        person: true,
      })
    expect(decide({tool: 'read', args: {path: 'src/keys.ts'}, mutates: false, root: '/p'}, OPEN_POLICY)).toEqual({
      kind: 'allow',
    })
  })

  it('a placeholder the model saw is never written over the real secret', async () => {
    const config = `db:\n  host: db.internal\n  password: ${DECOYS.DB_PASSWORD}\n`
    const repo = await tempRepo({'config.yml': config})
    const ctx = toolContext(repo)
    const seen = 'db:\n  host: db.internal\n  password: [REDACTED:assigned-secret]\n'
    await expect(writeTool.run({path: 'config.yml', content: seen.replace('db.internal', 'db2')}, ctx)).rejects.toThrow(
      /placeholder/,
    )
    await expect(
      editTool.run(
        {path: 'config.yml', old_string: 'host: db.internal', new_string: 'token: [REDACTED:github-token]'},
        ctx,
      ),
    ).rejects.toThrow(/placeholder/)
    expect(readFileSync(join(repo, 'config.yml'), 'utf8')).toBe(config)
    // Changing the lines around it works, and the secret stays.
    await editTool.run({path: 'config.yml', old_string: 'host: db.internal', new_string: 'host: db2.internal'}, ctx)
    expect(readFileSync(join(repo, 'config.yml'), 'utf8')).toBe(config.replace('db.internal', 'db2.internal'))
  })
})
