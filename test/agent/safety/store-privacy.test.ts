import {existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {deleteSessions, parseAge, pruneSessions} from '../../../src/agent/session-retention.js'
import {checkpointsFor} from '../../../src/agent/session-setup.js'
import {SessionStore} from '../../../src/agent/session-store.js'
import {atomicWrite} from '../../../src/agent/tools/atomic-write.js'
import type {Script} from '../../../src/engines/sim/script.js'
import {redactSecrets, stripUrlCredentials} from '../../../src/store/redact.js'
import {runInRepo} from '../run-in-repo.js'
import {tempHome, tempRepo} from '../temp-repo.js'

const mode = (path: string) => statSync(path).mode & 0o777

describe('what the store keeps', () => {
  it('$OAC_HOME is 0700 and the database, WAL and SHM 0600', () => {
    const home = join(tempHome(), 'oac')
    const store = SessionStore.open(join(home, 'oac.db'))
    store.create({root: '/p', endpoint: 'http://127.0.0.1:8000/v1', model: 'm', task: 't'})
    expect(mode(home)).toBe(0o700)
    const files = readdirSync(home)
    expect(files).toEqual(expect.arrayContaining(['oac.db', 'oac.db-wal', 'oac.db-shm']))
    for (const f of files) expect([f, mode(join(home, f))]).toEqual([f, 0o600])
    store.close()
  })

  it('strips credentials from stored endpoint URLs and redacts secrets in stored messages', () => {
    const home = tempHome()
    const store = SessionStore.open(join(home, 'oac.db'))
    const id = store.create({
      root: '/p',
      endpoint: 'https://bob:s3cr3t-pass@llm.example/v1?api_key=abc123',
      model: 'm',
      task: 't',
    })
    const key = 'sk-proj-decoyDECOYdecoyDECOY0123456789'
    store.append(id, {
      role: 'tool',
      tool_call_id: 'c1',
      content: `OPENAI_API_KEY=${key}\nHF_TOKEN=hf_abcdefghijklmnopqrstuvwx\nok`,
    })
    expect(store.get(id).endpoint).toBe('https://llm.example/v1?api_key=REDACTED')
    expect(store.messages(id)[0]?.content).toBe(
      'OPENAI_API_KEY=[REDACTED:openai-key]\nHF_TOKEN=[REDACTED:huggingface-token]\nok',
    )
    store.close()
    for (const f of readdirSync(home))
      expect(readFileSync(join(home, f), 'latin1')).not.toMatch(/s3cr3t-pass|decoyDECOY/)
  })

  it('redacts the common formats and leaves ordinary text alone', () => {
    expect(redactSecrets('AKIAABCDEFGHIJKLMNOP and ghp_0123456789abcdefghijklmnopqrstuvwxyz')).toBe(
      '[REDACTED:aws-access-key-id] and [REDACTED:github-token]',
    )
    expect(redactSecrets('-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----')).toBe(
      '[REDACTED:private-key]',
    )
    expect(redactSecrets('3 tests passed; see src/keys.ts')).toBe('3 tests passed; see src/keys.ts')
    expect(stripUrlCredentials('http://127.0.0.1:8000/v1')).toBe('http://127.0.0.1:8000/v1')
  })

  it('oac agent sessions prune|delete remove sessions and their messages', async () => {
    const db = join(tempHome(), 'oac.db')
    const store = SessionStore.open(db)
    const old = store.create({root: '/p', endpoint: 'e', model: 'm', task: 'old'})
    const kept = store.create({root: '/p', endpoint: 'e', model: 'm', task: 'new'})
    store.append(old, {role: 'user', content: 'old secret-ish text'})
    store.close()
    expect(parseAge('30d')).toBe(30 * 86_400_000)
    expect(parseAge('soon')).toBeUndefined()
    expect((await pruneSessions(0, db, Date.now() + 1000)).deleted).toBe(2)
    const again = SessionStore.open(db)
    const third = again.create({root: '/p', endpoint: 'e', model: 'm', task: 'x'})
    again.close()
    expect(await deleteSessions([third.slice(0, 8)], db)).toEqual({deleted: 1})
    await expect(deleteSessions([kept], db)).rejects.toThrow(/session/i)
  })

  it('atomic writes create the temp file with the target mode', async () => {
    const file = join(tempHome(), 'secret.env')
    writeFileSync(file, 'A=1\n', {mode: 0o600})
    await atomicWrite(file, 'A=2\n')
    expect(mode(file)).toBe(0o600)
    expect(readFileSync(file, 'utf8')).toBe('A=2\n')
  })

  it("sessions delete leaves no text in the database file and takes the session's checkpoints with it", async () => {
    const repo = await tempRepo({'a.txt': 'x\n'})
    const db = join(tempHome(), 'oac.db')
    const script = (said: string): Script => ({
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'bash', arguments: {command: 'cat *.txt'}}]}},
        {match: {toolResult: 'exit code'}, reply: {content: said}},
      ],
    })
    const a = await runInRepo(repo, script('kept answer'), {task: 'task of the kept session', dbFile: db})
    writeFileSync(join(repo, 'b-notes.txt'), 'ONLY-IN-SESSION-B notes\n')
    const b = await runInRepo(repo, script('DELETED-ANSWER-B'), {task: 'DELETED-TASK-B', dbFile: db})
    rmSync(join(repo, 'b-notes.txt'))
    const [keptId, goneId] = [a.of('start')[0]!.sessionId, b.of('start')[0]!.sessionId]
    const store = checkpointsFor(repo, {dbFile: db}).gitDir
    const refs = async () => (await execa('git', ['--git-dir', store, 'for-each-ref', '--format=%(refname)'])).stdout
    const objects = async () => {
      const all = await execa('git', ['--git-dir', store, 'cat-file', '--batch-all-objects', '--batch'], {
        encoding: 'buffer',
      })
      return Buffer.from(all.stdout).toString('latin1')
    }
    expect(await refs()).toContain(`refs/sessions/${goneId}/`)
    expect(await objects()).toContain('ONLY-IN-SESSION-B')

    expect(await deleteSessions([goneId], db)).toEqual({deleted: 1})
    const files = readdirSync(join(db, '..')).filter((f) => f.startsWith('oac.db'))
    for (const f of files)
      expect(readFileSync(join(db, '..', f), 'latin1')).not.toMatch(/DELETED-(TASK|ANSWER)-B|ONLY-IN-SESSION-B/)
    expect(await refs()).not.toContain(goneId)
    expect(await refs()).toContain(`refs/sessions/${keptId}/`)
    expect(await objects()).not.toContain('ONLY-IN-SESSION-B')

    // The project's last session takes the whole checkpoint store.
    await deleteSessions([keptId], db)
    expect(existsSync(store)).toBe(false)
  })
})
