import {describe, expect, it} from 'vitest'
import {credentialValues, shellEnvironment} from '../../src/agent/shell/env-policy.js'
import {redactDeep, redactSecrets} from '../../src/store/redact.js'

// Secrets by value and by name: what the review saw reach the model and the store in clear, and what must stay
// readable (a redaction that eats PATH, token counts or source code breaks the agent).

const R = (kind: string) => `[REDACTED:${kind}]`

describe('redactSecrets', () => {
  it('redacts the credentials the review found, by name and by the look of the value', () => {
    const cases: [string, string][] = [
      [
        'DATABASE_URL=postgres://app:Sup3rS3cret@db.internal:5432/app',
        `DATABASE_URL=postgres://${R('url-credentials')}@db.internal:5432/app`,
      ],
      // A password with no user (Redis and Valkey URLs): the name REDIS_URL says nothing.
      ['REDIS_URL=redis://:S3cretXyz123@cache:6379/0', `REDIS_URL=redis://${R('url-credentials')}@cache:6379/0`],
      ['MYSQL_PWD=hunter2', `MYSQL_PWD=${R('assigned-secret')}`],
      ['GH_PAT=abcd1234efgh', `GH_PAT=${R('assigned-secret')}`],
      ['SMTP_PASS=mailpw99', `SMTP_PASS=${R('assigned-secret')}`],
      [
        'SENTRY_DSN=https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42',
        `SENTRY_DSN=${R('assigned-secret')}`,
      ],
      [
        'dsn: https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42',
        `dsn: https://${R('url-credentials')}@o1.ingest.sentry.io/42`,
      ],
      ['https://ghp0aB3dE5gH7jK9mN1pQ3sT5@github.com/o/r.git', `https://${R('url-credentials')}@github.com/o/r.git`],
      ['{"password": "p4ssw0rd!", "user": "bob"}', `{"password": "${R('assigned-secret')}", "user": "bob"}`],
      ['mysql --password=s3cr3tpw -u root', `mysql --password=${R('assigned-secret')} -u root`],
      ['Authorization: Bearer abcdef0123456789xyz', `Authorization: Bearer ${R('authorization-header')}`],
      ['glpat-abcdefghij0123456789', R('gitlab-token')],
      ['npm_abcdefghijklmnopqrstuvwxyz0123456789', R('npm-token')],
      ['sk_live_abcdefghijklmnopqrstuvwx', R('stripe-key')],
      ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', R('jwt')],
    ]
    for (const [text, redacted] of cases) expect(redactSecrets(text), text).toBe(redacted)
  })

  it('leaves paths, counts, test output and source code alone', () => {
    for (const text of [
      'PWD=/home/me/project',
      'OLDPWD=/tmp',
      'PATH=/usr/bin:/bin',
      '--- PASS: TestFoo (0.00s)',
      '"max_tokens": 4096',
      'TOKENIZER=cl100k_base',
      'password = getPassword()',
      'password = os.environ["DB_PASSWORD"]',
      'token: CancellationToken)',
      'git clone https://alice@example.com/repo',
      'https://gitlab-ci-token@gitlab.com',
    ])
      expect(redactSecrets(text), text).toBe(text)
  })

  it('redacts known values wherever they appear, and records string by string', () => {
    expect(redactSecrets('connect as root/plainvalue99 now', ['plainvalue99'])).toBe(
      'connect as root/[REDACTED:env] now',
    )
    const stored = redactDeep({endpoint: 'http://alice:S3cretPassw0rd@127.0.0.1:8000/v1', runs: [{n: 3, note: 'x'}]})
    expect(stored).toEqual({endpoint: 'http://127.0.0.1:8000/v1', runs: [{n: 3, note: 'x'}]})
  })
})

describe('the shell environment', () => {
  const env = {
    PATH: '/usr/bin',
    PWD: '/home/me/p',
    DATABASE_URL: 'postgres://app:Sup3rS3cret@db/app',
    MYSQL_PWD: 'decoy-mysql-pw-42',
    GH_PAT: 'decoy-gh-pat-0123456789',
    SENTRY_DSN: 'https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/1',
    REDIS_URL: 'redis://localhost:6379',
  }

  it('keeps credentials named PWD, PAT or DSN, and any value that is one, from commands', () => {
    expect(shellEnvironment(env)).toEqual({PATH: '/usr/bin', PWD: '/home/me/p', REDIS_URL: 'redis://localhost:6379'})
  })

  it('knows their values, to redact them from what tools print', () => {
    expect(credentialValues(env).sort()).toEqual([env.DATABASE_URL, env.GH_PAT, env.MYSQL_PWD, env.SENTRY_DSN].sort())
  })
})
