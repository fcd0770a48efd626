import {execa} from 'execa'

/** The git root of `cwd` (the agent works on the whole repository), or `cwd` itself outside git. */
export async function projectRoot(cwd: string): Promise<string> {
  const r = await execa('git', ['rev-parse', '--show-toplevel'], {cwd, reject: false, stdin: 'ignore'})
  return r.exitCode === 0 && r.stdout.trim() ? r.stdout.trim() : cwd
}
