import type {RouteApplyResult} from './route-apply.js'

/** Per client: written, unchanged or failed (and why) per file; then the smoke requests through the router. */
export function renderApply(result: RouteApplyResult, dryRun: boolean): string {
  const lines: string[] = [
    `agent → ${result.models.agent.name}` +
      (result.models.fast ? `, fast → ${result.models.fast.name}` : '') +
      (result.models.embeddings ? `, embeddings → ${result.models.embeddings.name}` : '') +
      (result.decisionId !== undefined ? `  (decision #${result.decisionId})` : ''),
  ]
  for (const client of result.clients) {
    lines.push(`${client.client}:`)
    for (const f of client.files) {
      const verb = f.outcome === 'written' && dryRun ? 'would write' : f.outcome
      lines.push(
        `  ${verb.padEnd(11)} ${f.path}${f.backup ? `  (backup ${f.backup})` : ''}${f.error ? `: ${f.error}` : ''}`,
      )
      if (dryRun && f.diff) lines.push(...f.diff.split('\n').map((l) => `    ${l}`))
    }
  }
  if (result.router)
    lines.push(
      result.router.state === 'down'
        ? `router: DOWN — ${result.router.error}`
        : `router: ${result.router.state}${result.router.pid ? ` (pid ${result.router.pid}, log ${result.router.log})` : ''}`,
    )
  for (const s of result.smoke)
    lines.push(`smoke ${s.api} ${s.model}: ${s.ok ? `ok (${Math.round(s.ms)} ms)` : `FAILED — ${s.error}`}`)
  return lines.join('\n')
}

/** 0: every file written or unchanged and every smoke request answered; 1 otherwise. */
export function applyExitCode(result: RouteApplyResult): number {
  const failed =
    result.clients.some((c) => c.files.some((f) => f.outcome === 'failed')) || result.smoke.some((s) => !s.ok)
  return failed ? 1 : 0
}
