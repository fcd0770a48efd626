import type {EngineConfig, ServerConfig} from './config.js'
import {shellQuote} from './runner.js'

// The text of every file `oac setup` writes: launch scripts, systemd units, launchd agents.

export interface PlannedFile {
  path: string
  content: string
  /** Unix permissions, e.g. 0o755 for scripts. */
  mode: number
}

/** A launch script: PATH and the engine's variables, then `exec` of the server so its pid is the service's. */
export function launchScript(config: EngineConfig, server: ServerConfig): string {
  const lines = [
    '#!/bin/sh',
    `# oac ${config.profile} ${server.role}: ${config.engine} serving ${server.model} on port ${server.port}.`,
    '# Written by `oac setup`; change the profile and run it again rather than editing this file.',
    'set -e',
  ]
  if (config.path.length) lines.push(`export PATH=${config.path.map(shellQuote).join(':')}:"$PATH"`)
  for (const [k, v] of Object.entries(server.env)) lines.push(`export ${k}=${shellQuote(v)}`)
  const [exe, ...args] = server.command.map(shellQuote)
  // One flag and its values per line.
  const parts: string[] = [`exec ${exe}`]
  for (const a of args) {
    if (a.startsWith('-')) parts.push(`  ${a}`)
    else parts[parts.length - 1] += ` ${a}`
  }
  lines.push(parts.join(' \\\n'))
  return `${lines.join('\n')}\n`
}

/** A systemd user unit (systemd.service(5)); logs append to the server's log file. */
export function systemdUnit(config: EngineConfig, server: ServerConfig): string {
  return `[Unit]
Description=oac ${config.profile} ${server.role}: ${config.engine} serving ${server.model}
After=network-online.target

[Service]
Type=simple
ExecStart=${server.script}
Restart=on-failure
RestartSec=5
TimeoutStopSec=30
StandardOutput=append:${server.log}
StandardError=append:${server.log}

[Install]
WantedBy=default.target
`
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A launchd agent (launchd.plist(5)): runs the script at login and restarts it when it crashes. */
export function launchdPlist(_config: unknown, server: Pick<ServerConfig, 'script' | 'log'>, label: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${xml(label)}</string>
  <key>ProgramArguments</key>
  <array>
    <string>/bin/sh</string>
    <string>${xml(server.script)}</string>
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>StandardOutPath</key>
  <string>${xml(server.log)}</string>
  <key>StandardErrorPath</key>
  <string>${xml(server.log)}</string>
</dict>
</plist>
`
}

export function engineConfigFile(config: EngineConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`
}
