import {describe, expect, it} from 'vitest'
import {routerServicePlan} from '../../src/routing/router/service.js'

// `oac router --install-service`: the same launch-script + unit/agent shape as the engines' services.

const env = {HOME: '/home/u', OAC_HOME: '/home/u/.local/share/oac'}

describe('router service', () => {
  it('is a systemd user unit whose reload sends SIGHUP (hot reload) on Linux', () => {
    const plan = routerServicePlan({
      configFile: '/etc/oac/routing.yaml',
      host: '127.0.0.1',
      port: 4000,
      platform: 'linux',
      env,
    })
    expect(plan.files.map((f) => f.path)).toEqual([
      '/home/u/.local/share/oac/router/router.sh',
      '/home/u/.config/systemd/user/oac-router.service',
    ])
    expect(plan.files[0]?.content).toMatch(
      /exec .*bin\/run\.js router --config \/etc\/oac\/routing\.yaml --host 127\.0\.0\.1 --port 4000\n$/,
    )
    expect(plan.files[1]?.content).toContain('ExecReload=/bin/kill -HUP $MAINPID')
    expect(plan.files[1]?.content).toContain('ExecStart=/home/u/.local/share/oac/router/router.sh')
    expect(plan.commands).toEqual([
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', 'oac-router.service'],
      ['systemctl', '--user', 'restart', 'oac-router.service'],
    ])
  })

  it('is a launchd agent on macOS', () => {
    const plan = routerServicePlan({
      configFile: '/etc/oac/routing.yaml',
      host: '127.0.0.1',
      port: 4000,
      platform: 'darwin',
      env,
    })
    expect(plan.files[1]?.path).toBe('/home/u/Library/LaunchAgents/dev.oac.router.plist')
    expect(plan.files[1]?.content).toContain('<string>/home/u/.local/share/oac/router/router.sh</string>')
    expect(plan.commands.at(-1)?.join(' ')).toContain('launchctl bootstrap')
  })
})
