import {describe, expect, it} from 'vitest'
import {EXIT_CODES} from '../../src/agent/headless.js'
import type {Script} from '../../src/engines/sim/script.js'
import {runInRepo} from './run-in-repo.js'
import {tempRepo} from './temp-repo.js'

// Failure 4: an engine that is loading a model answers 503 (with Retry-After), a busy one 429, and a restarting
// one drops the connection. The run waits it out with notices, and gives up with a clear error after a bounded time.

const FAST = {baseMs: 20, maxDelayMs: 2000, giveUpAfterMs: 5000}

describe('a loading or busy engine', () => {
  it('retries 503 Loading model (honouring Retry-After), 429 and a reset stream, then answers', async () => {
    const repo = await tempRepo({})
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {error: {status: 503, message: 'Loading model', retryAfter: 1}}},
        {reply: {error: {status: 429, message: 'Too many requests'}}},
        {reply: {content: 'a reply the connection drops', cutAfterTokens: 2}},
        {reply: {content: 'Hello.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'say hello', retry: FAST})
    expect(run.result).toMatchObject({status: 'success', text: 'Hello.', turns: 1})
    const notices = run.of('notice').map((e) => e.message)
    expect(notices).toEqual([
      expect.stringMatching(/HTTP 503: Loading model; retrying in 1\.0s \(Retry-After\), attempt 2$/),
      expect.stringMatching(/HTTP 429: Too many requests; retrying in 0\.0s, attempt 3$/),
      expect.stringMatching(/ended before the reply was complete.*; retrying in 0\.1s, attempt 4$/),
    ])
  })

  it('gives up with a clear error after the bounded time (exit 1)', async () => {
    const repo = await tempRepo({})
    const script: Script = {mode: 'match', rules: [{reply: {error: {status: 503, message: 'Loading model'}}}]}
    const run = await runInRepo(repo, script, {task: 'hi', retry: {baseMs: 20, maxDelayMs: 100, giveUpAfterMs: 300}})
    expect(run.result.status).toBe('error')
    expect(EXIT_CODES[run.result.status]).toBe(1)
    expect(run.result.text).toMatch(/HTTP 503: Loading model \(gave up after \d+ attempts over \d+\.\ds\)$/)
    expect(run.of('notice').length).toBeGreaterThanOrEqual(3)
  })

  it('does not retry a bad request', async () => {
    const repo = await tempRepo({})
    const script: Script = {mode: 'match', rules: [{reply: {error: {status: 400, message: 'bad tool schema'}}}]}
    const run = await runInRepo(repo, script, {task: 'hi', retry: FAST})
    expect(run.result).toMatchObject({status: 'error', turns: 1})
    expect(run.of('notice')).toEqual([])
  })
})
