import {createHash} from 'node:crypto'
import {existsSync, realpathSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, dirname, isAbsolute, join, resolve, sep} from 'node:path'
import {oacConfigDir, oacHome} from '../../paths.js'
import {
  CREDENTIAL_VARIABLES,
  HIDDEN_HOME_PATHS,
  PROTECTED_PATHS,
  type SandboxPolicy,
  type SandboxSettings,
} from './sandbox-settings.js'

// What a sandboxed command sees, built from where things are rather than from a list of what to hide: temp folders,
// /run and the runtime dir are private (no host socket or file in them can be reached); the home folder is a scratch
// folder (no key, token or config in it can be read), with the toolchains the PATH names under it brought back
// read-only; credential files named by variables, and oac's own data and config, are never seen.

export const inside = (parent: string, path: string) => path === parent || path.startsWith(parent + sep)

function realDir(path: string | undefined): string | undefined {
  if (!path || !isAbsolute(path)) return undefined
  try {
    const real = realpathSync(path)
    return statSync(real).isDirectory() && real !== '/' ? real : undefined
  } catch {
    return undefined
  }
}

function expandHome(path: string, home: string, base: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : resolve(base, path)
}

/** A PATH entry's toolchain: the prefix above its `bin` or `shims` (`~/.nvm/versions/node/v20`), else the entry. */
function toolchainOf(entry: string, home: string): string {
  const parent = dirname(entry)
  return ['bin', 'sbin', 'shims'].includes(basename(entry)) && parent !== home && parent !== '/' ? parent : entry
}

/** The folders of oac's scratch homes, one per project. */
export function scratchHomeFor(root: string, env: NodeJS.ProcessEnv): string {
  return join(oacHome(env), 'sandbox-home', createHash('sha256').update(root).digest('hex').slice(0, 16))
}

export function sandboxPolicy(
  mode: SandboxPolicy['mode'],
  root: string,
  settings: Partial<SandboxSettings>,
  home: string,
  env: NodeJS.ProcessEnv = process.env,
): SandboxPolicy {
  const candidates = ['/tmp', '/var/tmp', '/run', tmpdir(), env.TMPDIR, env.XDG_RUNTIME_DIR]
  const privates = [...new Set(candidates.map(realDir).filter((d): d is string => d !== undefined))]
  const covered = (path: string) => privates.some((p) => inside(p, path)) || inside(home, path)
  // What the PATH names under the scratch home or a private folder must still run; /etc/resolv.conf often lives in /run.
  const onPath = (env.PATH ?? '').split(':').filter((p) => isAbsolute(p) && covered(p) && existsSync(p))
  const toolchains = onPath.map((p) => toolchainOf(p, home))
  if (toolchains.some((t) => t === join(home, '.cargo'))) toolchains.push(env.RUSTUP_HOME ?? join(home, '.rustup'))
  const resolvConf = realpathOr('/etc/resolv.conf')
  const readable = [
    ...toolchains,
    ...(resolvConf && covered(resolvConf) ? [dirname(resolvConf)] : []),
    ...(settings.readableRoots ?? []).map((p) => expandHome(p, home, root)),
  ].filter((p) => existsSync(p))
  const named = CREDENTIAL_VARIABLES.flatMap((name) => (env[name] ?? '').split(':')).filter((p) => isAbsolute(p))
  const xdgConfig = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined
  const hidden = [
    ...HIDDEN_HOME_PATHS.map((p) => join(home, p)),
    ...(xdgConfig ? ['gh', 'gcloud', 'hub'].map((p) => join(xdgConfig, p)) : []),
    ...named,
    oacHome(env),
    oacConfigDir(env),
  ]
  return {
    mode,
    root,
    network: settings.network ?? false,
    private: privates,
    home,
    ...(mode === 'workspace-write' ? {scratch: scratchHomeFor(root, env)} : {}),
    readable: [...new Set(readable)],
    writable: (settings.writableRoots ?? []).map((p) => expandHome(p, home, root)),
    protected: PROTECTED_PATHS.map((p) => join(root, p)),
    // Not a place the project itself lives in: hiding it would hide the project.
    hidden: [...new Set(hidden)].filter((p) => !inside(p, root)),
  }
}

function realpathOr(path: string): string | undefined {
  try {
    return realpathSync(path)
  } catch {
    return undefined
  }
}
