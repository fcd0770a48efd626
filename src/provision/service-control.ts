import type {ServerConfig} from './config.js'
import {sh, shellQuote} from './runner.js'

// The service manager's commands for one server: systemd user units on Linux, launchd agents on macOS.
// launchctl bootstrap/bootout take the GUI domain of the user, gui/<uid> (launchctl(1)).

const domain = 'gui/$(id -u)'

export function startCommands(server: Pick<ServerConfig, 'service'>): string[][] {
  const {manager, name, file} = server.service
  if (manager === 'systemd')
    return [
      ['systemctl', '--user', 'enable', name],
      ['systemctl', '--user', 'restart', name],
    ]
  return [
    sh(`launchctl bootout ${domain}/${name} 2>/dev/null || true`),
    sh(`launchctl bootstrap ${domain} ${shellQuote(file)}`),
  ]
}

export function stopCommands(server: ServerConfig): string[][] {
  const {manager, name} = server.service
  if (manager === 'systemd') return [['systemctl', '--user', 'stop', name]]
  return [sh(`launchctl bootout ${domain}/${name}`)]
}

/** Exits 0 while the service runs. */
export function activeCommand(server: ServerConfig): string[] {
  const {manager, name} = server.service
  if (manager === 'systemd') return ['systemctl', '--user', 'is-active', '--quiet', name]
  return sh(`launchctl print ${domain}/${name} >/dev/null 2>&1`)
}

/** Reloads unit files after they changed (systemd only). */
export function reloadCommands(servers: ServerConfig[]): string[][] {
  return servers.some((s) => s.service.manager === 'systemd') ? [['systemctl', '--user', 'daemon-reload']] : []
}

/** `oac engine start`: start (not restart) the service. */
export function engineStartCommands(server: ServerConfig): string[][] {
  if (server.service.manager === 'systemd') return [['systemctl', '--user', 'start', server.service.name]]
  return startCommands(server)
}
