import {setMaxListeners} from 'node:events'

/**
 * The signal a long command runs under: the first Ctrl-C aborts it, so it stops sending, saves and prints what
 * finished; a second Ctrl-C leaves at once (exit 130). Every in-flight request listens on it, hence no listener cap.
 */
export function abortOnCtrlC(): AbortSignal {
  const controller = new AbortController()
  setMaxListeners(0, controller.signal)
  process.once('SIGINT', () => {
    controller.abort()
    process.once('SIGINT', () => process.exit(130))
  })
  return controller.signal
}
