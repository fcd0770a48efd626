// Process groups oac started (detached children: an agent, a test command, an engine) and has not seen end. When oac
// itself exits, whether its work finished, failed or a second Ctrl-C quit at once, every group still listed gets
// SIGKILL, so nothing is left running under PID 1 (a `sh -c sleep 30` outlived `oac eval swe` after SIGTERM).

const groups = new Set<number>()
let hooked = false

/** Signals a whole process group; a group already gone is not an error. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {}
}

/** Lists a detached child's group until `release`; on oac's exit it is killed if still listed. */
export function trackGroup(pid: number | undefined): () => void {
  if (pid === undefined) return () => {}
  if (!hooked) {
    hooked = true
    process.on('exit', () => {
      for (const group of groups) killGroup(group, 'SIGKILL')
    })
  }
  groups.add(pid)
  return () => groups.delete(pid)
}
