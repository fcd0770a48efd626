import {homedir} from 'node:os'
import {execa} from 'execa'
import {killGroup, trackGroup} from '../../util/process-groups.js'
import {destructiveReason} from '../shell/destructive.js'
import {shellEnvironment} from '../shell/env-policy.js'
import {pathRisk} from '../shell/path-guard.js'
import {networkHint} from './network-hint.js'
import {isInside, projectPath} from './project-path.js'
import {defineTool, ToolError} from './tool.js'

// Shell commands in the project (in the session's sandbox, with its filtered environment), with stdin closed (a
// command waiting for input fails instead of hanging), a time limit that kills the whole process group; the runner
// keeps the head and tail of long output (errors are at the end).

const DEFAULT_TIMEOUT_S = 120
const MAX_TIMEOUT_S = 600

export const bashTool = defineTool<{command: string; timeout?: number; cwd?: string}>({
  name: 'bash',
  description: `Run a shell command in the project root (stdin closed). timeout in seconds (default ${DEFAULT_TIMEOUT_S}).`,
  parameters: {
    type: 'object',
    properties: {
      command: {type: 'string'},
      timeout: {type: 'integer', minimum: 1, maximum: MAX_TIMEOUT_S},
      cwd: {type: 'string', description: 'directory inside the project'},
    },
    required: ['command'],
    additionalProperties: false,
  },
  mutates: true,
  outputCap: {keep: 'head-tail', hint: () => 'redirect to a file and grep or read it'},
  async run(
    {command, timeout = DEFAULT_TIMEOUT_S, cwd = '.'},
    {root, signal, shellEnv, sandbox, approve, dangerApproved, onOutput},
  ) {
    const dir = projectPath(root, cwd)
    if (!isInside(root, dir)) throw new ToolError(`Refused: cwd \`${cwd}\` is outside the project root ${root}.`)
    // The last line: whoever calls the tool, what would remove the project, .git or the home never runs, and a
    // destructive command or one that cannot be checked never runs without a person's yes.
    const risk = pathRisk(command, {root, cwd: dir, home: homedir(), env: shellEnv ?? process.env})
    if (risk?.kind === 'refuse') throw new ToolError(`Refused: this command ${risk.reason}. Find another way.`)
    const reason = destructiveReason(command) ?? risk?.reason
    if (
      reason &&
      !dangerApproved &&
      (await approve({tool: 'bash', summary: command, dangerous: true, person: true})) !== true
    )
      throw new ToolError(`Refused: this command ${reason} and needs a person's approval. Find another way.`)
    const wrapped = sandbox ? sandbox.wrap(['bash', '-c', command], dir) : {file: 'bash', args: ['-c', command]}
    const {file, args} = wrapped
    const child = execa(file, args, {
      cwd: dir,
      stdin: 'ignore',
      all: true,
      reject: false,
      detached: true,
      maxBuffer: 20_000_000,
      env: {
        ...(shellEnv ?? shellEnvironment(process.env)),
        GIT_TERMINAL_PROMPT: '0',
        GIT_PAGER: 'cat',
        PAGER: 'cat',
        ...('env' in wrapped ? wrapped.env : {}),
      },
      extendEnv: false,
    })
    if (onOutput) child.all?.on('data', (chunk: Buffer) => onOutput(chunk.toString()))
    // Its own group, killed whole: on time out, on abort, or when oac exits with it still running.
    const release = trackGroup(child.pid)
    let timedOut = false
    const kill = () => killGroup(child.pid, 'SIGKILL')
    const timer = setTimeout(() => {
      timedOut = true
      kill()
    }, timeout * 1000)
    signal.addEventListener('abort', kill, {once: true})
    // Stopped while the command was being set up (sandbox, snapshots): the abort event has fired already.
    if (signal.aborted) kill()
    const result = await child.finally(() => {
      clearTimeout(timer)
      signal.removeEventListener('abort', kill)
      release()
    })
    const dropped = 'finish' in wrapped ? wrapped.finish?.() : undefined
    const output = String(result.all ?? '')
    const status = timedOut
      ? `[timed out after ${timeout}s and was killed; output so far above]`
      : signal.aborted
        ? '[cancelled]'
        : `[exit code ${result.exitCode ?? result.signal}]`
    const hint = timedOut || signal.aborted ? '' : networkHint(output, result.exitCode, sandbox)
    const note = dropped ? `${dropped}\n` : ''
    return `${output}${output && !output.endsWith('\n') ? '\n' : ''}${hint}${note}${status}`
  },
})
