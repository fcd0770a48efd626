// Peers for bench/gateways.ts, gateways people put in front of local engines today, installed from npm into a
// scratch folder at the pinned versions below (never oac's dependencies) and started in front of the same sim:
// claude-code-router (Anthropic Messages in, Chat Completions out: the translation oac router does for Claude Code).
// 3.1.1 of claude-code-router depends on a package the registry no longer serves, so 2.0.0 is the newest that
// installs. Portkey's gateway (@portkey-ai/gateway 1.9.8 and 1.15.2) answers every request here with "Something
// went wrong" (`TypeError: immutable` on Node 20's fetch headers), so it is not offered until it runs on Node 20.
import {type ChildProcess, execFileSync, spawn} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import type {Api} from './gateway-client.js'

export const PEERS = {
  ccr: {pkg: '@musistudio/claude-code-router@2.0.0', api: 'messages' as Api},
}
export type PeerName = keyof typeof PEERS

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as {port: number}).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Waits until something answers HTTP on `url` (any status). */
async function answering(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode} before answering`)
    if (
      await fetch(url, {signal: AbortSignal.timeout(1000)}).then(
        () => true,
        () => false,
      )
    )
      return
    await sleep(200)
  }
  throw new Error(`${what} did not answer at ${url} within 60 s`)
}

/** Installs the peer into `dir`/peers (npm, pinned) and starts it in front of the sim at `simUrl`. */
export async function startPeer(
  name: PeerName,
  simUrl: string,
  dir: string,
): Promise<{url: string; child: ChildProcess; api: Api}> {
  const prefix = join(dir, 'peers')
  const {pkg, api} = PEERS[name]
  execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', pkg], {stdio: 'ignore'})
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const home = join(dir, 'ccr-home')
  mkdirSync(join(home, '.claude-code-router'), {recursive: true})
  const config = {
    PORT: port,
    HOST: '127.0.0.1',
    LOG: false,
    Providers: [{name: 'sim', api_base_url: `${simUrl}/v1/chat/completions`, api_key: 'x', models: ['m']}],
    Router: {default: 'sim,m'},
  }
  writeFileSync(join(home, '.claude-code-router', 'config.json'), JSON.stringify(config))
  const bin = join(prefix, 'node_modules/@musistudio/claude-code-router/dist/cli.js')
  const child = spawn(process.execPath, [bin, 'start'], {stdio: 'ignore', env: {...process.env, HOME: home}})
  await answering(url, child, 'claude-code-router')
  return {url, child, api}
}
