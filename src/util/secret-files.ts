import {basename} from 'node:path'

// Files that hold secrets by what they are, whatever a .gitignore says: dotenv files, private keys and keystores,
// and the credential stores of common tools. Nothing oac reads on its own (the code index, and so `search_code` and
// `oac mcp`) may take their content; each is reported with the reason instead. By name first; `secretContent` also
// catches a private key in a file with an innocent name.

const BY_NAME: [RegExp, string][] = [
  [/^\.env(\..*)?$|\.env$/i, 'dotenv file'],
  [/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/, 'SSH private key'],
  [/\.(pem|key|p12|pfx|jks|keystore|ppk|kdbx|tfstate)$/i, 'key, keystore or state file'],
  [
    /^(\.npmrc|\.pypirc|\.netrc|_netrc|\.git-credentials|\.htpasswd|\.pgpass|\.vault-token|\.dockercfg)$/,
    'credential store',
  ],
  [/^(credentials|credentials\.json|kubeconfig|secrets?\.(ya?ml|json|toml)|terraform\.tfvars)$/i, 'credential store'],
  [/^client_secret.*\.json$|^service[-_]?account.*\.json$/i, 'cloud credentials'],
]
const IN_FOLDER: [RegExp, string][] = [
  [/(^|\/)\.(aws|ssh|gnupg|kube|docker)\//, 'credential folder'],
  [/(^|\/)\.config\/(gh|gcloud)\//, 'credential folder'],
]
const PRIVATE_KEY = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/

/** Why a path (relative, `/`-separated) names a secret, or undefined. */
export function secretFileReason(path: string): string | undefined {
  const name = basename(path)
  for (const [re, why] of BY_NAME) if (re.test(name)) return why
  for (const [re, why] of IN_FOLDER) if (re.test(path)) return why
  return undefined
}

/** Why a file's first bytes hold a secret (a private key block), or undefined. */
export function secretContent(head: string): string | undefined {
  return PRIVATE_KEY.test(head) ? 'private key block' : undefined
}
