import type {ShellSandbox} from '../sandbox/shell-sandbox.js'

// A command that fails to reach the network inside the sandbox says only "Could not resolve host" or ENOTFOUND, and a
// small model then retries, edits proxy settings or blames the code. One line tells it the sandbox did it.

const NETWORK_FAILURE =
  /Could not resolve host|Temporary failure in name resolution|getaddrinfo|ENOTFOUND|EAI_AGAIN|Network is unreachable|ENETUNREACH|Name or service not known|network access is (?:blocked|denied)/i

/** The note added to a command's output when it failed to reach the network in a sandbox without network. */
export function networkHint(output: string, exitCode: number | undefined, sandbox: ShellSandbox | undefined): string {
  if (!sandbox || sandbox.mode === 'full-access' || sandbox.network || exitCode === 0) return ''
  if (!NETWORK_FAILURE.test(output)) return ''
  return '[the sandbox has no network access: this failure comes from the sandbox, not the code; do not retry it. Ask the user to run the command, or to allow network (settings sandbox.network, or --sandbox full-access)]\n'
}
