import {setMaxListeners} from 'node:events'
import {OacError} from '../errors.js'

// One way for every long command (bench, eval, quickstart, index, agent -p) to stop on a signal. Ctrl-C (SIGINT) and
// a supervisor's SIGTERM (systemd, `timeout`, CI cancelling a job) mean the same: stop sending, let child process
// groups go (their runners listen on the signal and kill the group), finish the stored run as `partial`, print what
// was kept, and exit 130 (SIGINT) or 143 (SIGTERM), the shell's 128 + signal number. A second signal quits at once
// with that code; groups still running are killed on the way out (util/process-groups.ts).

const SIGNALS = ['SIGINT', 'SIGTERM'] as const
type StopSignalName = (typeof SIGNALS)[number]

/** Exit code of a process stopped by each signal (128 + its number). */
export const SIGNAL_EXIT: Record<StopSignalName, number> = {SIGINT: 130, SIGTERM: 143}

/** The reason an aborted long command carries: which signal stopped it. */
export class Interrupted extends OacError {
  override name = 'Interrupted'
  constructor(readonly signalName: StopSignalName) {
    super(`interrupted by ${signalName}`, SIGNAL_EXIT[signalName])
  }
}

/**
 * The signal a long command runs under: the first SIGINT or SIGTERM aborts it (reason: `Interrupted`), so it stops
 * sending, saves and prints what finished; a second one leaves at once. Every in-flight request listens on it, hence
 * no listener cap. `say` gets one line for the person watching (stderr).
 */
export function abortOnCtrlC(say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): AbortSignal {
  const controller = new AbortController()
  setMaxListeners(0, controller.signal)
  const listeners = new Map<StopSignalName, () => void>()
  const first = (name: StopSignalName) => {
    for (const [s, l] of listeners) process.off(s, l)
    for (const s of SIGNALS) process.once(s, () => process.exit(SIGNAL_EXIT[s]))
    say(`\n${name === 'SIGINT' ? 'Ctrl-C' : name}: stopping, keeping what finished (again to quit at once).`)
    controller.abort(new Interrupted(name))
  }
  for (const s of SIGNALS) {
    const listener = () => first(s)
    listeners.set(s, listener)
    process.once(s, listener)
  }
  return controller.signal
}

/** The exit code of a run that `signal` stopped early: 143 after SIGTERM, else 130 (Ctrl-C). */
export function stoppedExit(signal: AbortSignal): number {
  return signal.reason instanceof Interrupted ? signal.reason.exit : SIGNAL_EXIT.SIGINT
}
