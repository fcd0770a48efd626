import {execa} from 'execa'
import {killGroup, trackGroup} from '../../util/process-groups.js'

// A shell command for the harness (agent, setup, tests) in its own process group: at the time limit or on
// Ctrl-C the whole group gets SIGTERM, then SIGKILL, so children (test workers, an agent's tools) go with it and
// their open pipes cannot keep the harness waiting; a group still running when oac exits is killed then.

export interface ShellResult {
  exitCode: number | undefined
  timedOut: boolean
  aborted: boolean
  stdout: string
  stderr: string
  /** stdout and stderr interleaved. */
  all: string
}

export interface ShellOptions {
  cwd: string
  timeoutMs: number
  signal?: AbortSignal | undefined
  env?: Record<string, string>
}

export async function runShell(cmd: string, o: ShellOptions): Promise<ShellResult> {
  const child = execa('sh', ['-c', cmd], {
    cwd: o.cwd,
    reject: false,
    all: true,
    stdin: 'ignore',
    detached: true,
    maxBuffer: 64 * 1024 * 1024,
    ...(o.env ? {env: o.env} : {}),
  })
  const release = trackGroup(child.pid)
  let timedOut = false
  let aborted = false
  const stop = () => {
    killGroup(child.pid, 'SIGTERM')
    setTimeout(() => killGroup(child.pid, 'SIGKILL'), 2000).unref()
  }
  const timer = setTimeout(() => {
    timedOut = true
    stop()
  }, o.timeoutMs)
  const onAbort = () => {
    aborted = true
    stop()
  }
  if (o.signal?.aborted) onAbort()
  o.signal?.addEventListener('abort', onAbort, {once: true})
  try {
    const r = await child
    return {
      exitCode: r.exitCode,
      timedOut,
      aborted,
      stdout: String(r.stdout ?? ''),
      stderr: String(r.stderr ?? ''),
      all: String(r.all ?? ''),
    }
  } finally {
    clearTimeout(timer)
    o.signal?.removeEventListener('abort', onAbort)
    release()
  }
}
