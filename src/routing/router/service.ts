import {chmodSync, mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {execa} from 'execa'
import {oacHome} from '../../paths.js'
import {launchdPlist, type PlannedFile} from '../../provision/files.js'
import {shellQuote} from '../../provision/runner.js'
import {startCommands} from '../../provision/service-control.js'

// `oac router --install-service`: the router as a user service through the engines' machinery (a launch script
// under $OAC_HOME, a systemd user unit or a launchd agent, started with the same commands). systemd's reload
// sends SIGHUP, which makes the router re-read its config without dropping streams.

export interface RouterServiceOptions {
  configFile: string
  host: string
  port: number
  platform?: NodeJS.Platform
  env?: NodeJS.ProcessEnv
}

export interface RouterServicePlan {
  manager: 'systemd' | 'launchd'
  name: string
  files: PlannedFile[]
  commands: string[][]
}

const BIN = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))

export function routerServicePlan(o: RouterServiceOptions): RouterServicePlan {
  const env = o.env ?? process.env
  const home = env.HOME ?? ''
  const dir = join(oacHome(env), 'router')
  const script = join(dir, 'router.sh')
  const log = join(dir, 'router.log')
  const args = [
    process.execPath,
    BIN,
    'router',
    '--config',
    resolve(o.configFile),
    '--host',
    o.host,
    '--port',
    String(o.port),
  ]
  const launch = `#!/bin/sh\n# oac router on ${o.host}:${o.port}. Written by \`oac router --install-service\`.\nexec ${args.map(shellQuote).join(' ')}\n`
  const files: PlannedFile[] = [{path: script, content: launch, mode: 0o755}]
  if ((o.platform ?? process.platform) === 'darwin') {
    const name = 'dev.oac.router'
    const file = join(home, 'Library', 'LaunchAgents', `${name}.plist`)
    files.push({path: file, content: launchdPlist(undefined, {script, log}, name), mode: 0o644})
    return {manager: 'launchd', name, files, commands: startCommands({service: {manager: 'launchd', name, file}})}
  }
  const name = 'oac-router.service'
  const file = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'systemd', 'user', name)
  files.push({path: file, content: systemdRouterUnit(script, log), mode: 0o644})
  const commands = [
    ['systemctl', '--user', 'daemon-reload'],
    ...startCommands({service: {manager: 'systemd', name, file}}),
  ]
  return {manager: 'systemd', name, files, commands}
}

function systemdRouterUnit(script: string, log: string): string {
  return `[Unit]
Description=oac router: one local endpoint for every client API
After=network-online.target

[Service]
Type=simple
ExecStart=${script}
ExecReload=/bin/kill -HUP $MAINPID
Restart=on-failure
RestartSec=5
StandardOutput=append:${log}
StandardError=append:${log}

[Install]
WantedBy=default.target
`
}

/** Writes the files and, unless `dryRun`, runs the service manager's commands. */
export async function installRouterService(plan: RouterServicePlan, dryRun: boolean): Promise<void> {
  if (dryRun) return
  for (const f of plan.files) {
    mkdirSync(dirname(f.path), {recursive: true})
    writeFileSync(f.path, f.content)
    chmodSync(f.path, f.mode)
  }
  for (const [cmd, ...args] of plan.commands) await execa(cmd ?? 'true', args, {stdio: 'inherit'})
}
