// What the sandbox adds to each shell command the agent runs: `true` through the bash tool with no sandbox, in the
// bubblewrap sandbox in read-only mode, and in workspace-write mode (which also builds and carries back the .git view
// and reads the host's sockets), interleaved so that a loaded machine slows all three alike.
// `npx tsx bench/sandbox-overhead.ts [runs]` (default 200). Prints median and p95 per mode and the overhead.
import {execa} from 'execa'
import {openSandbox, type ShellSandbox} from '../src/agent/sandbox/shell-sandbox.js'
import {bashTool} from '../src/agent/tools/bash.js'
import {percentile} from '../src/bench/stats.js'
import {tempHome, tempRepo} from '../test/agent/temp-repo.js'

const runs = Number(process.argv[2] ?? 200)
const repo = await tempRepo({'a.txt': 'x\n'})
const env = {...process.env, OAC_HOME: tempHome(), OAC_CONFIG_DIR: tempHome()}
await execa('git', ['commit', '-q', '--allow-empty', '-m', 'second'], {
  cwd: repo,
  env: {...env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b'},
})

async function open(mode: 'read-only' | 'workspace-write'): Promise<ShellSandbox> {
  const opened = await openSandbox(mode, repo, {}, process.platform, tempHome(), env)
  if (!opened.ok) throw new Error(`no sandbox here: ${opened.reason}`)
  return opened.sandbox
}

const modes: [string, ShellSandbox | undefined][] = [
  ['none', undefined],
  ['read-only', await open('read-only')],
  ['workspace-write', await open('workspace-write')],
]
const times = new Map<string, number[]>(modes.map(([name]) => [name, []]))
const signal = new AbortController().signal
for (let i = 0; i < runs; i++)
  for (const [name, sandbox] of modes) {
    const start = performance.now()
    const out = await bashTool.run(
      {command: 'true'},
      {root: repo, signal, approve: async () => true, todos: [], ...(sandbox ? {sandbox} : {})},
    )
    times.get(name)!.push(performance.now() - start)
    if (!out.endsWith('[exit code 0]')) throw new Error(`${name}: ${out}`)
  }

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return {median: percentile(sorted, 50), p95: percentile(sorted, 95)}
}
const base = stats(times.get('none')!)
console.log(`sandbox overhead per command, ${runs} runs of \`true\` through the bash tool (${process.platform}):`)
for (const [name] of modes) {
  const s = stats(times.get(name)!)
  const extra =
    name === 'none'
      ? ''
      : `  (+${(s.median - base.median).toFixed(1)} ms median, +${(s.p95 - base.p95).toFixed(1)} ms p95)`
  console.log(`  ${name.padEnd(16)} median ${s.median.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms${extra}`)
}
