// The one redaction module, used at every exit of text oac did not write itself: tool output on its way to the model
// (run-tool-call.ts), whatever goes into the store (runs, samples, endpoints, agent sessions), the HTML report and
// `oac mcp`'s answers. A secret is found by what it looks like (a vendor's token format, a private key, a
// high-entropy user in a URL) and by what it is called (`NAME=value` where the name says key, secret, token,
// password, PWD, PAT or DSN), and, where the caller knows them, by value (the environment's credentials). A redaction
// keeps the kind of secret, so a transcript still says what was there.

const URL_SECRET_PARAMS = /^(?:api[_-]?key|key|token|access[_-]?token|secret|password|sig|signature)$/i

/** The URL without its user info and with secret-looking query parameters redacted; non-URLs come back unchanged. */
export function stripUrlCredentials(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  if (!parsed.username && !parsed.password && ![...parsed.searchParams.keys()].some((k) => URL_SECRET_PARAMS.test(k)))
    return url
  parsed.username = ''
  parsed.password = ''
  for (const key of [...parsed.searchParams.keys()])
    if (URL_SECRET_PARAMS.test(key)) parsed.searchParams.set(key, 'REDACTED')
  return parsed.toString()
}

// Names that say a value is a credential: a keyword (API_KEY, SECRET, TOKEN, PASSWORD, apiKey, clientSecret) with
// nothing but an `_…` part after it (so TOKENIZER and secretContent are not), or one of PWD, PAT, DSN, PASS as the
// last `_`-separated parts of a longer name (MYSQL_PWD, GH_PAT, SENTRY_DSN, SMTP_PASS; so PATH, PWD and Go's
// `--- PASS: TestX` stay readable).
const SECRET_NAME = String.raw`(?:\b[A-Za-z0-9_]*?(?:API_?KEY|SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE_?KEY|ACCESS_?KEY)S?(?:_[A-Za-z0-9_]*)?|\b(?:[A-Za-z0-9]+_)+(?:PWD|PAT|DSN|PASS)(?:_[A-Za-z0-9]+)*)\b`
// The value assigned to such a name (`NAME=value`, `"name": "value"`, `--password=value`), when it is a literal: not
// a call, an index or a type in source code (`password = getPassword()`, `token: CancellationToken`), not only
// letters or only a number (`max_tokens: 4096`), and not a redaction already.
const ASSIGNED = new RegExp(
  String.raw`(?<=${SECRET_NAME}["']?\s*[=:]\s*["']?)(?!\[REDACTED)(?![0-9.]+(?:[\s"'\\,;]|$))(?=[^\s"'\\,;]*[^A-Za-z\s"'\\,;])[^\s"'\\,;(){}[\]<>]{6,}(?=[\s"'\\,;]|$)`,
  'gi',
)

/** Known secret formats (sources: each vendor's token prefix documentation, gitleaks' default rules). */
const SECRET_PATTERNS: [string, RegExp][] = [
  ['private-key', /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY( BLOCK)?-----/g],
  ['anthropic-key', /\bsk-ant-[A-Za-z0-9_-]{16,}/g],
  ['openai-key', /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g],
  ['huggingface-token', /\bhf_[A-Za-z0-9]{20,}/g],
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/g],
  ['gitlab-token', /\bglpat-[A-Za-z0-9_-]{20,}/g],
  ['npm-token', /\bnpm_[A-Za-z0-9]{36}\b/g],
  ['pypi-token', /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g],
  ['stripe-key', /\b[rs]k_(?:live|test)_[A-Za-z0-9]{20,}/g],
  ['sendgrid-key', /\bSG\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{40,}/g],
  ['groq-key', /\bgsk_[A-Za-z0-9]{40,}/g],
  ['digitalocean-token', /\bdo[opr]_v1_[a-f0-9]{64}\b/g],
  ['google-oauth-token', /\bya29\.[A-Za-z0-9_-]{20,}/g],
  ['jwt', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g],
  ['aws-access-key-id', /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g],
  ['slack-token', /\bxox[abposre]-[A-Za-z0-9-]{10,}/g],
  ['slack-webhook', /\bhttps:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g],
  ['google-api-key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  // user:password, or :password alone (redis://:pw@host)
  ['url-credentials', /(?<=\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@"'<>]*:[^\s/@"'<>]+(?=@)/gi],
  ['authorization-header', /(?<=\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/=-]{8,}/gi],
  ['assigned-secret', ASSIGNED],
]

// A user name in a URL with no password, when it is a token (https://ghp_…@github.com, a Sentry DSN's key): long,
// mixed and random-looking, unlike `git` or `alice`.
const URL_USER = /(?<=\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@"'<>[\]]{16,}(?=@)/gi

/** Bits per character of `s` (Shannon entropy of its characters). */
function entropy(s: string): number {
  const counts = new Map<string, number>()
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1)
  let bits = 0
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length)
  return bits
}

const looksRandom = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s) && entropy(s) >= 3

/**
 * `text` with every known secret replaced by `[REDACTED:kind]`; `known` values (the environment's credentials) are
 * replaced wherever they appear.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text
  for (const value of known) if (value.length >= 8 && out.includes(value)) out = out.replaceAll(value, '[REDACTED:env]')
  for (const [kind, pattern] of SECRET_PATTERNS) out = out.replace(pattern, `[REDACTED:${kind}]`)
  return out.replace(URL_USER, (user) => (looksRandom(user) ? '[REDACTED:url-credentials]' : user))
}

/**
 * A copy of `value` (a JSON-shaped record: run parameters, a summary, a message) with every string redacted: a URL
 * loses its user info, anything else goes through redactSecrets. Strings are redacted one by one, so that a
 * pattern never runs across the quotes and commas of serialised JSON.
 */
export function redactDeep<T>(value: T, known: readonly string[] = []): T {
  if (typeof value === 'string') {
    const bare = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value) ? stripUrlCredentials(value) : value
    return redactSecrets(bare, known) as T
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, known)) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, known)
    return out as T
  }
  return value
}

/** Whether `value` is itself a secret by its look (a token format, a URL with credentials). */
export function looksLikeSecret(value: string): boolean {
  return redactSecrets(value) !== value
}
