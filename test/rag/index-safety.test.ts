import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {InMemoryTransport} from '@modelcontextprotocol/sdk/inMemory.js'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {buildIndex} from '../../src/rag/build-index.js'
import {CodeSearch} from '../../src/rag/code-search.js'
import {oacMcpServer} from '../../src/rag/mcp-server.js'
import {tempRepo} from '../agent/temp-repo.js'

// Nothing outside the project, nothing secret (issue 23 item 5, issue 25 defect 6): a symlink that leads out of the
// root and dotenv, key and credential files are never indexed, so neither `oac search` nor `search_code` over MCP
// can hand them out, in a git repository (tracked and untracked) and in a plain folder alike.

const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY'
const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA${SECRET}\n-----END OPENSSH PRIVATE KEY-----\n`

function outsideSecret(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oac-outside-'))
  writeFileSync(join(dir, 'credentials'), `[default]\naws_secret_access_key = ${SECRET}\n`)
  return join(dir, 'credentials')
}

function write(root: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), {recursive: true})
    writeFileSync(join(root, path), text)
  }
}

const SECRETS = {
  '.env': `API_KEY=${SECRET}\n`,
  '.env.local': `API_KEY=${SECRET}\n`,
  'config/prod.env': `DB_PASSWORD=${SECRET}\n`,
  'keys/server.pem': KEY,
  'deploy/id_ed25519': KEY,
  '.npmrc': `//registry.npmjs.org/:_authToken=${SECRET}\n`,
  'notes.txt': `the deploy key:\n${KEY}`,
}

async function searchAll(root: string, query: string): Promise<string[]> {
  const s = await CodeSearch.open(root)
  try {
    return (await s.search(query, {mode: 'lexical', prefer: 'any'})).files.map((f) => f.path)
  } finally {
    s.close()
  }
}

async function mcpSearch(root: string, query: string): Promise<string> {
  const [a, b] = InMemoryTransport.createLinkedPair()
  const server = oacMcpServer({root})
  await server.connect(a)
  const client = new Client({name: 'test', version: '1'})
  await client.connect(b)
  const r = (await client.callTool({name: 'search_code', arguments: {query}})) as {content: {text: string}[]}
  await client.close()
  await server.close()
  return r.content.map((c) => c.text).join('\n')
}

function expectSkipped(skipped: {path: string; reason: string; detail: string}[]) {
  expect(skipped).toEqual(
    expect.arrayContaining([
      {path: 'aws.txt', reason: 'outside', detail: 'symlink that leads outside the project'},
      {path: '.env', reason: 'secret', detail: 'dotenv file'},
      {path: '.env.local', reason: 'secret', detail: 'dotenv file'},
      {path: 'config/prod.env', reason: 'secret', detail: 'dotenv file'},
      {path: 'keys/server.pem', reason: 'secret', detail: 'key, keystore or state file'},
      {path: 'deploy/id_ed25519', reason: 'secret', detail: 'SSH private key'},
      {path: '.npmrc', reason: 'secret', detail: 'credential store'},
      {path: 'notes.txt', reason: 'secret', detail: 'private key block'},
    ]),
  )
}

describe('the index never takes what is outside the project or secret', () => {
  it('in a git repository: tracked and untracked symlinks out of the root, dotenv and key files whatever .gitignore says', async () => {
    const root = await tempRepo({
      'src/app.ts': 'export function startApp() {\n  return 1\n}\n',
      '.gitignore': '!.env*\n',
    })
    write(root, SECRETS)
    symlinkSync(outsideSecret(), join(root, 'aws.txt'))
    symlinkSync(outsideSecret(), join(root, 'untracked-link.txt'))
    symlinkSync('src/app.ts', join(root, 'app-link.ts'))
    const git = (...args: string[]) => execa('git', args, {cwd: root})
    await git('add', 'aws.txt', '.env', '.env.local', 'keys/server.pem', 'app-link.ts')
    await git('-c', 'user.name=oac', '-c', 'user.email=oac@example.com', 'commit', '-qm', 'add links and secrets')

    const r = await buildIndex({root})
    expectSkipped(r.skipped)
    expect(r.skipped).toContainEqual({
      path: 'untracked-link.txt',
      reason: 'outside',
      detail: 'symlink that leads outside the project',
    })
    expect(r.files).toBe(3)
    expect(await searchAll(root, SECRET)).toEqual([])
    expect(await searchAll(root, 'aws_secret_access_key')).toEqual([])
    expect(await searchAll(root, 'startApp')).toEqual(['app-link.ts', 'src/app.ts'].sort())
    const served = await mcpSearch(root, 'aws_secret_access_key API_KEY authToken deploy key')
    expect(served).not.toMatch(/aws\.txt|\.env|\.pem|id_ed25519|\.npmrc|notes\.txt/)
    expect(served).not.toContain(SECRET)
  })

  it('in a folder that is not a git repository (the walk), the same', async () => {
    const root = mkdtempSync(join(tmpdir(), 'oac-plain-'))
    write(root, {'src/app.ts': 'export function startApp() {\n  return 1\n}\n', ...SECRETS})
    symlinkSync(outsideSecret(), join(root, 'aws.txt'))
    symlinkSync(dirname(outsideSecret()), join(root, 'outside-dir'))
    const r = await buildIndex({root})
    expectSkipped(r.skipped)
    expect(r.files).toBe(1)
    expect(await searchAll(root, SECRET)).toEqual([])
  })

  it('a file replaced by a symlink out of the root after indexing is not served', async () => {
    const root = await tempRepo({
      'src/app.ts': 'export const region = 1\n',
      'aws.txt': `aws_secret_access_key = ${SECRET}\n`,
    })
    await buildIndex({root})
    expect(await searchAll(root, 'aws_secret_access_key')).toEqual(['aws.txt'])
    rmSync(join(root, 'aws.txt'))
    symlinkSync(outsideSecret(), join(root, 'aws.txt'))
    expect(await searchAll(root, 'aws_secret_access_key')).toEqual([])
    expect(await mcpSearch(root, 'aws_secret_access_key')).toMatch(/^No results/)
  })

  it('a tracked file under a folder that became a symlink out of the root (the temp HOME) is neither read nor served', async () => {
    // The user's gh token in the (temp) home; the project tracks gh/hosts.yml, and sandboxed bash can replace the
    // gh folder by a link to ~/.config/gh without ever seeing it: git still lists gh/hosts.yml from its index.
    const gh = join(process.env.HOME as string, '.config', 'gh')
    mkdirSync(gh, {recursive: true})
    writeFileSync(join(gh, 'hosts.yml'), `github.com:\n    oauth_token: ${SECRET}\n    user: alice\n`)
    const root = await tempRepo({'src/app.ts': 'export const app = 1\n', 'gh/hosts.yml': 'github.com:\n  user: bob\n'})
    await buildIndex({root})
    rmSync(join(root, 'gh'), {recursive: true})
    symlinkSync(gh, join(root, 'gh'))
    expect(await searchAll(root, 'github.com')).toEqual([])
    const r = await buildIndex({root})
    expect(r.skipped).toContainEqual({
      path: 'gh/hosts.yml',
      reason: 'outside',
      detail: 'symlink that leads outside the project',
    })
    expect(await searchAll(root, SECRET)).toEqual([])
    expect(await searchAll(root, 'oauth_token')).toEqual([])
    expect(await mcpSearch(root, 'oauth_token github.com')).not.toContain(SECRET)
  })
})
