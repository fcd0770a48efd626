import {existsSync, readFileSync, realpathSync, writeFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {homedir, tmpdir, userInfo} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {oacConfigDir, oacHome} from '../../src/paths.js'
import {mayTouch, takeViolations} from './test-home.js'

// The setup file every test runs under (vitest.config.ts setupFiles): a temp home, and the real one off limits.

const realHome = userInfo().homedir

describe('test home', () => {
  it('points HOME, OAC_HOME, OAC_CONFIG_DIR and XDG_* at a temp folder', () => {
    for (const name of ['HOME', 'OAC_HOME', 'OAC_CONFIG_DIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'])
      expect(process.env[name], name).toMatch(new RegExp(`^${tmpdir()}/oac-test-home-`))
    expect(homedir()).toBe(process.env.HOME)
    expect(oacConfigDir()).toBe(process.env.OAC_CONFIG_DIR)
    expect(oacHome()).toBe(process.env.OAC_HOME)
  })

  it('refuses and reports a read or write of the real home, whatever the fs API', async () => {
    const settings = join(realHome, '.config', 'oac', 'settings.json')
    expect(() => readFileSync(settings)).toThrow(/EACCES: test touched the real home/)
    expect(() => existsSync(join(realHome, '.ssh'))).toThrow(/EACCES/)
    expect(realpathSync(realHome)).toBe(realHome)
    expect(() => realpathSync(join(realHome, '.ssh'))).toThrow(/EACCES/)
    await expect(readFile(new URL(`file://${settings}`))).rejects.toThrow(/EACCES/)
    const planted = join(realHome, '.oac-test-home-probe')
    expect(() => writeFileSync(planted, 'x')).toThrow(/EACCES/)
    expect(takeViolations()).toEqual([
      `test touched the real home: readFileSync(${settings})`,
      `test touched the real home: existsSync(${join(realHome, '.ssh')})`,
      `test touched the real home: realpathSync(${join(realHome, '.ssh')})`,
      `test touched the real home: readFile(${settings})`,
      `test touched the real home: writeFileSync(${planted})`,
    ])
  })

  it('keeps the checkout, the temp dir and Node reachable', () => {
    const guard = {forbidden: ['/home/dev'], allowed: ['/home/dev/src/oac', '/home/dev/.nvm/versions/node/v20']}
    expect(mayTouch('/home/dev/src/oac/package.json', guard)).toBe(true)
    expect(mayTouch('/home/dev/.nvm/versions/node/v20/bin/node', guard)).toBe(true)
    expect(mayTouch('/home/dev/.config/oac/settings.json', guard)).toBe(false)
    expect(mayTouch('/home/dev', guard)).toBe(false)
    expect(mayTouch('/home/dev', guard, true)).toBe(true)
    expect(mayTouch('/home/dev/.ssh', guard, true)).toBe(false)
    expect(mayTouch('/home/developer/x', guard)).toBe(true)
    expect(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).toContain('"name": "oac"')
  })

  it('gives spawned programs the temp home, with a git identity', async () => {
    const r = await execa('git', ['config', '--global', 'user.email'])
    expect(r.stdout).toBe('oac-test@example.com')
    const node = await execa(process.execPath, ['-e', 'console.log(require("os").homedir())'])
    expect(node.stdout).toBe(process.env.HOME)
  })
})
