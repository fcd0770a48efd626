import type {RouteApplyResult} from './route-apply.js'
import type {RoutedModel} from './types.js'

/** A model's limits as configured, or why there are none. */
function limits(m: RoutedModel): string {
  if (m.contextLength === undefined)
    return 'context unknown, so no limits written (run `oac route pick --write`, or start the router on it first)'
  return `context ${m.contextLength} (${m.contextFrom}), replies up to ${m.maxOutputTokens}`
}

/** Per model its limits; per client: written, unchanged or failed (and why) per file; then the smoke requests. */
export function renderApply(result: RouteApplyResult, dryRun: boolean): string {
  const {agent, fast, longContext, embeddings} = result.models
  const lines: string[] = [
    `agent → ${agent.name}` +
      (fast ? `, fast → ${fast.name}` : '') +
      (embeddings ? `, embeddings → ${embeddings.name}` : '') +
      (result.decisionId !== undefined ? `  (decision #${result.decisionId})` : ''),
  ]
  const chat = [agent, fast, longContext].filter((m): m is RoutedModel => m !== undefined)
  for (const m of chat.filter((m, i) => chat.findIndex((x) => x.name === m.name) === i))
    lines.push(`  ${m.name}: ${limits(m)}`)
  for (const client of result.clients) {
    lines.push(`${client.client}:`)
    for (const f of client.files) {
      const verb = f.outcome === 'written' && dryRun ? 'would write' : f.outcome
      const mode = f.tightened
        ? `  (mode ${f.tightened}${dryRun ? ' would be restored' : ' restored'}: a client loosened it)`
        : ''
      lines.push(
        `  ${verb.padEnd(11)} ${f.path}${f.backup ? `  (backup ${f.backup})` : ''}${mode}${f.error ? `: ${f.error}` : ''}`,
      )
      if (dryRun && f.diff) lines.push(...f.diff.split('\n').map((l) => `    ${l}`))
    }
  }
  const r = result.router
  if (r)
    lines.push(
      r.state === 'down'
        ? `router: DOWN — ${r.error}`
        : `router: ${r.state}${r.pid ? ` (pid ${r.pid}, log ${r.log})` : ''}` +
            (r.health && r.health !== 'ok' ? `; its upstreams are ${r.health}: ${r.notUp?.join(', ')}` : ''),
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
