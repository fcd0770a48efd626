import {rm} from 'node:fs/promises'
import type {SetupContext} from '../context.js'
import {ENGINE_NAMES} from '../engines.js'
import {engineConfigFile, launchScript, type PlannedFile} from '../files.js'
import {displayCommand, sh} from '../runner.js'
import {hashOf, markState, readState} from '../state.js'
import {verifiedDownload} from '../verified-download.js'
import {filesCurrent, type Step, step, writeFiles} from './types.js'

// The engine group: check the hardware and drivers against the profile, install the engine, write its config.

/** A command that fails when the GPU driver does not answer. */
export function driverProbe(ctx: SetupContext): string[] | undefined {
  if (ctx.hw.gpus.some((g) => g.vendor === 'nvidia'))
    return ['nvidia-smi', '--query-gpu=name,driver_version', '--format=csv,noheader']
  if (ctx.hw.gpus.some((g) => g.vendor === 'amd')) return ['rocm-smi', '--showproductname']
  if (ctx.config.platform === 'darwin') return ['sw_vers', '-productVersion']
  return undefined
}

function checkNotes(ctx: SetupContext): string[] {
  const {plan} = ctx
  const notes = [
    `plan: ${ENGINE_NAMES[plan.engine]}, ${plan.models.map((m) => `${m.role} ${m.model} ${m.quantization} @ ${m.context}`).join('; ')}`,
    `memory: ${plan.requiredGiB} of ${plan.budget.usableGiB} GiB usable (${plan.fits ? 'fits' : 'does NOT fit'})`,
  ]
  if (plan.engineNote) notes.push(plan.engineNote)
  notes.push(...plan.notes)
  for (const p of ctx.pitfalls) notes.push(`${p.severity}: ${p.message} (fix: ${p.fix})`)
  for (const s of ctx.launch.skipped) notes.push(`not served: ${s.role} ${s.model}: ${s.reason}`)
  for (const s of ctx.launch.servers) for (const n of s.notes) notes.push(`${s.role}: ${n}`)
  return notes
}

function checkStep(ctx: SetupContext): Step {
  const probe = driverProbe(ctx)
  const key = hashOf({
    engine: ctx.plan.engine,
    pitfalls: ctx.pitfalls.map((p) => p.id),
    gpus: ctx.hw.gpus.map((g) => [g.name, g.driver, g.cudaVersion]),
  })
  return step({
    id: 'check',
    group: 'engine',
    title: `Check hardware and drivers for ${ctx.plan.profile}`,
    notes: checkNotes(ctx),
    commands: probe ? [probe] : [],
    isDone: async () => readState(ctx.layout.stateFile).check === key,
    run: async (log) => {
      const errors = ctx.pitfalls.filter((p) => p.severity === 'error')
      if (errors.length) throw new Error(errors.map((p) => `${p.message}\n  fix: ${p.fix}`).join('\n'))
      if (!ctx.config.servers.length) throw new Error(`${ENGINE_NAMES[ctx.plan.engine]} can serve none of the models`)
      for (const p of ctx.pitfalls) log(`warning: ${p.message} (fix: ${p.fix})`)
      if (!ctx.plan.fits) log(`warning: the plan needs ${ctx.plan.requiredGiB} GiB of ${ctx.plan.budget.usableGiB}`)
      if (probe) log((await ctx.runner.check(probe)).stdout.trim().split('\n')[0] ?? '')
      markState(ctx.layout.stateFile, 'check', key)
    },
  })
}

export function installStep(ctx: Pick<SetupContext, 'engine' | 'install' | 'layout' | 'plan' | 'runner'>): Step {
  const version = ctx.engine.versionCommand()
  const notes = [...ctx.install.notes]
  if (ctx.layout.enginePath.length) notes.push(`${ctx.layout.enginePath.join(':')} comes first on PATH`)
  const commands = ctx.install.commands.map(sh)
  const downloads = ctx.install.downloads ?? []
  return step({
    id: 'install',
    group: 'engine',
    title: `Install ${ENGINE_NAMES[ctx.plan.engine]} (skipped when \`${displayCommand(version)}\` answers)`,
    notes,
    actions: downloads.flatMap((d) => [
      `download ${d.url}`,
      `      → ${d.dest} (kept only if its SHA-256 is the one ${d.checksumsUrl} lists; nothing is unpacked before)`,
    ]),
    commands,
    isDone: async () => {
      const answer = await ctx.runner.run(version, {timeoutMs: 30_000})
      if (answer.exitCode !== 0) return false
      const want = ctx.install.version
      const said = `${answer.stdout}\n${answer.stderr}`
      if (want === undefined || printsVersion(said, want)) return true
      // Installed, but not the version this setup pins (or --engine-version names): keep it, and say so.
      const have = said.trim().split('\n')[0] ?? ''
      return {
        note: `\`${displayCommand(version)}\` says "${have}", not ${want}: kept as it is; remove it and run setup again to install ${want}`,
      }
    },
    run: async (log) => {
      if (!ctx.install.supported) throw new Error(ctx.install.notes.join('; '))
      if (!commands.length) throw new Error(`no install recipe here: ${ctx.install.notes.join('; ')}`)
      // Before a download of hundreds of MB that could not be unpacked.
      for (const r of ctx.install.requires ?? [])
        if (!(await ctx.runner.answers([r.tool, '--version'])))
          throw new Error(
            `${r.tool} is not installed (${r.why}): install it (e.g. sudo apt-get install ${r.tool}) and run setup again; nothing was downloaded`,
          )
      for (const d of downloads) {
        log(`download ${d.url}`)
        const r = await verifiedDownload(d)
        log(`${d.dest}: ${r.bytes} bytes, sha256 ${r.sha256} (matches ${d.checksumsUrl})`)
      }
      for (const c of commands) {
        log(displayCommand(c))
        await ctx.runner.check(c)
      }
      // The archives were unpacked: they are ours (verifiedDownload wrote them), and large.
      for (const d of downloads) await rm(d.dest, {force: true})
      const v = await ctx.runner.run(version)
      if (v.exitCode !== 0)
        throw new Error(`installed, but \`${displayCommand(version)}\` still fails: ${v.stderr.trim()}`)
      log(`${v.stdout.trim().split('\n').pop() ?? ''}`)
    },
  })
}

export function configFiles(ctx: SetupContext): PlannedFile[] {
  return [
    {path: ctx.layout.configFile, content: engineConfigFile(ctx.config), mode: 0o644},
    ...ctx.config.servers.map((s) => ({path: s.script, content: launchScript(ctx.config, s), mode: 0o755})),
  ]
}

function configStep(ctx: SetupContext): Step {
  const files = configFiles(ctx)
  return step({
    id: 'config',
    group: 'engine',
    title: `Write the engine config and launch scripts to ${ctx.layout.engineDir}`,
    files,
    isDone: async () => filesCurrent(files),
    run: (log) => writeFiles(files, log),
  })
}

export function engineSteps(ctx: SetupContext): Step[] {
  return [checkStep(ctx), installStep(ctx), configStep(ctx)]
}

/** True when a version command's output names `version` as a whole version (0.28.0 is not 0.28.01 or 10.28.0). */
export function printsVersion(output: string, version: string): boolean {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|[^\\w.])v?${escaped}(?![\\w]|\\.\\d)`, 'm').test(output)
}
