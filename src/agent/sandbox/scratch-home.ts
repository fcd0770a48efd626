import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {execa} from 'execa'

// The home folder sandboxed commands see in workspace-write mode: one per project under oac's data dir, kept between
// commands (caches, `pip install --user`), holding nothing of the user's but the name and email git commits with.

async function userIdentity(): Promise<string> {
  // No repository (GIT_DIR names none), so only the user's own global config is read; reading runs nothing.
  const env = {...process.env, GIT_DIR: '/nonexistent/.git', GIT_CONFIG_NOSYSTEM: '1'}
  const get = (key: string) =>
    execa('git', ['config', '--global', '--get', key], {env, reject: false, stdin: 'ignore', timeout: 10_000}).then(
      (r) => (r.exitCode === 0 ? String(r.stdout).trim() : ''),
    )
  const [name, email] = await Promise.all([get('user.name'), get('user.email')])
  const quote = (v: string) => JSON.stringify(v)
  return name || email
    ? `[user]\n${name ? `\tname = ${quote(name)}\n` : ''}${email ? `\temail = ${quote(email)}\n` : ''}`
    : ''
}

/** Creates the scratch home (0700) the first time, with a .gitconfig that names the user as their own does. */
export async function ensureScratchHome(dir: string): Promise<void> {
  if (existsSync(dir)) return
  mkdirSync(dir, {recursive: true, mode: 0o700})
  writeFileSync(join(dir, '.gitconfig'), await userIdentity(), {mode: 0o600})
}
