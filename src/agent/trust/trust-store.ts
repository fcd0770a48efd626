import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {writePrivateFile} from '../../private-files.js'
import {trustFingerprint} from './trust-files.js'

// The projects the user trusts: root → the fingerprint of its trust-relevant files when they said yes, kept in the
// user's config dir (0600), where no repository and no sandboxed command can write.

export const TRUST_FILE = 'trusted-projects.json'

type TrustedProjects = Record<string, {fingerprint: string; at: string}>

export function loadTrusted(configDir: string): TrustedProjects {
  try {
    const data = JSON.parse(readFileSync(join(configDir, TRUST_FILE), 'utf8')) as unknown
    return data && typeof data === 'object' ? (data as TrustedProjects) : {}
  } catch {
    return {}
  }
}

export type TrustState = 'trusted' | 'untrusted' | 'changed'

/** Whether the user trusts the project as its files are now. */
export function trustState(root: string, configDir: string): TrustState {
  const stored = loadTrusted(configDir)[root]
  if (!stored) return 'untrusted'
  return stored.fingerprint === trustFingerprint(root) ? 'trusted' : 'changed'
}

export function saveTrust(root: string, configDir: string, trusted: boolean): void {
  const all = loadTrusted(configDir)
  if (trusted) all[root] = {fingerprint: trustFingerprint(root), at: new Date().toISOString()}
  else delete all[root]
  writePrivateFile(join(configDir, TRUST_FILE), `${JSON.stringify(all, null, 2)}\n`)
}
