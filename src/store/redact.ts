// What the store must not keep in the clear: credentials inside URLs (https://user:token@host, ?api_key=) and
// well-known secret formats in tool output and messages. A redaction keeps the kind of secret, so a transcript
// still says what was there.

const URL_SECRET_PARAMS = /^(?:api[_-]?key|key|token|access[_-]?token|secret|password|sig|signature)$/i

/** The URL without user:password and without secret-looking query parameters; non-URLs come back unchanged. */
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

/** Known secret formats (sources: each vendor's token prefix documentation, gitleaks' default rules). */
const SECRET_PATTERNS: [string, RegExp][] = [
  ['private-key', /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g],
  ['anthropic-key', /\bsk-ant-[A-Za-z0-9_-]{16,}/g],
  ['openai-key', /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g],
  ['huggingface-token', /\bhf_[A-Za-z0-9]{20,}/g],
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/g],
  ['aws-access-key-id', /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g],
  ['slack-token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/g],
  ['google-api-key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['url-credentials', /(?<=\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+(?=@)/gi],
  [
    'assigned-secret',
    /(?<=\b[A-Z0-9_]*(?:API_KEY|SECRET|TOKEN|PASSWORD|PASSWD)[A-Z0-9_]*\s*[=:]\s*["']?)(?!\[REDACTED)[^\s"'\\]{8,}/gi,
  ],
]

/** `text` with every known secret replaced by `[REDACTED:kind]`. */
export function redactSecrets(text: string): string {
  let out = text
  for (const [kind, pattern] of SECRET_PATTERNS) out = out.replace(pattern, `[REDACTED:${kind}]`)
  return out
}
