import {execa} from 'execa'
import type {ShellSandbox} from '../../../src/agent/sandbox/shell-sandbox.js'

/**
 * Runs a command in the sandbox alone, without the bash tool's guard in front of it (which refuses some of what
 * these tests send, so that the sandbox itself is what is tested). Output as the bash tool prints it.
 */
export async function runSandboxed(
  sandbox: ShellSandbox,
  cwd: string,
  command: string,
  env: Record<string, string> = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  ),
): Promise<string> {
  const wrapped = sandbox.wrap(['bash', '-c', command], cwd)
  const r = await execa(wrapped.file, wrapped.args, {
    cwd,
    all: true,
    reject: false,
    stdin: 'ignore',
    env: {...env, ...wrapped.env},
    extendEnv: false,
  })
  const note = wrapped.finish?.()
  const output = String(r.all ?? '')
  return `${output}${output && !output.endsWith('\n') ? '\n' : ''}${note ? `${note}\n` : ''}[exit code ${r.exitCode}]`
}
