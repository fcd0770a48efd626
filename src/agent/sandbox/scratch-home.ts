import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {userGitConfig} from '../../git/safe-git.js'

// The home folder sandboxed commands see in workspace-write mode: one per project under oac's data dir, kept between
// commands (caches, `pip install --user`), holding nothing of the user's but the name and email git commits with.

async function userIdentity(): Promise<string> {
  const [name, email] = await Promise.all([userGitConfig('user.name'), userGitConfig('user.email')])
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
