import type {AdapterServing} from './adapter.js'
import type {SetupContext} from './context.js'
import {ENGINE_NAMES} from './engines.js'
import {displayCommand} from './runner.js'
import type {Step} from './steps/types.js'

// `oac setup --dry-run`: every step with every command it would run and every file, with its contents, it would
// write. Nothing here reads the machine, so the output depends only on the plan and the environment's paths.

function gpus(ctx: SetupContext): string {
  const names = ctx.hw.gpus.map((g) => g.name)
  if (ctx.hw.apple) return `${ctx.hw.apple.chip}, ${ctx.hw.apple.unifiedMemoryGiB} GiB unified memory`
  if (!names.length) return `CPU only (${ctx.hw.cpu.model})`
  const counts = new Map<string, number>()
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1)
  return [...counts].map(([n, c]) => (c > 1 ? `${c} × ${n}` : n)).join(', ')
}

function adapterLine(a: AdapterServing): string {
  const base = a.keepsBase ? 'beside the base model' : 'instead of the base model, on its own port'
  return `adapter: ${a.path} on the ${a.role} model, served as ${a.servedName} (${base}), endpoint ${a.endpoint}`
}

export function renderDryRun(ctx: SetupContext, steps: Step[]): string {
  const out = [
    `oac setup --profile ${ctx.plan.profile} (dry run: nothing is run or written)`,
    `hardware: ${gpus(ctx)} on ${ctx.config.platform}`,
    `engine: ${ENGINE_NAMES[ctx.plan.engine]}, ${ctx.config.servers.length} server(s), ${ctx.manager} services`,
    ...(ctx.adapter ? [adapterLine(ctx.adapter)] : []),
    '',
  ]
  steps.forEach((s, i) => {
    out.push(`${i + 1}. [${s.group}] ${s.id}: ${s.title}`)
    for (const n of s.notes) out.push(`   note: ${n}`)
    // Effects before commands: a step's downloads (the install step's checked archives) happen first.
    for (const a of s.actions) out.push(`   ${a}`)
    for (const c of s.commands) out.push(`   $ ${displayCommand(c)}`)
    for (const f of s.files) {
      out.push(`   file ${f.path} (mode ${f.mode.toString(8)}):`)
      for (const line of f.content.replace(/\n$/, '').split('\n')) out.push(`   | ${line}`.trimEnd())
    }
    out.push('')
  })
  return out.join('\n')
}
