import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {stringify} from 'yaml'
import {makeDir} from '../make-dir.js'
import type {SetupContext} from './context.js'
import {huggingFaceUrl} from './download.js'
import {configFiles, driverProbe} from './steps/engine.js'
import {serviceFiles} from './steps/service.js'

// `oac setup --emit-ansible DIR`: the same provisioning as variables for ansible/site.yml, one file per profile
// (DIR/<profile>.yml). Paths under this machine's OAC_HOME, systemd user dir and LaunchAgents become
// {{ oac_home }}, {{ oac_systemd_user_dir }} and {{ oac_launch_agents_dir }}, which the roles set per host.

function templated(ctx: SetupContext): (s: string) => string {
  const pairs: [string, string][] = [
    [ctx.layout.home, '{{ oac_home }}'],
    [ctx.layout.systemdDir, '{{ oac_systemd_user_dir }}'],
    [ctx.layout.launchAgentsDir, '{{ oac_launch_agents_dir }}'],
  ]
  return (s) => pairs.reduce((t, [from, to]) => t.split(from).join(to), s)
}

export function ansibleVars(ctx: SetupContext): Record<string, unknown> {
  const t = templated(ctx)
  const file = (f: {path: string; content: string; mode: number}) => ({
    path: t(f.path),
    content: t(f.content),
    mode: `0${f.mode.toString(8)}`,
  })
  const models = ctx.launch.servers.flatMap((s): Record<string, string>[] => {
    const w = s.weights
    if (w.kind === 'gguf')
      return [{kind: 'gguf', repo: w.repo, file: w.file, url: huggingFaceUrl(w.repo, w.file), dest: t(w.path)}]
    if (w.kind === 'hf') return [{kind: 'hf', repo: w.repo, ...(w.revision ? {revision: w.revision} : {})}]
    return s.prepare.map((argv) => ({kind: 'ollama', tag: argv[argv.length - 1] ?? w.tag}))
  })
  const unique = [...new Map(models.map((m) => [JSON.stringify(m), m])).values()]
  return {
    oac_profile: ctx.plan.profile,
    oac_engine: ctx.plan.engine,
    oac_platform: ctx.config.platform,
    oac_service_manager: ctx.manager,
    oac_engine_dir: t(ctx.layout.engineDir),
    oac_path: ctx.layout.enginePath.map(t),
    oac_pitfalls: ctx.pitfalls.map((p) => ({id: p.id, severity: p.severity, message: p.message, fix: p.fix})),
    oac_driver_check: driverProbe(ctx) ?? [],
    oac_version_command: ctx.engine.versionCommand(),
    oac_engine_pinned_version: ctx.install.version ?? '',
    oac_downloads: (ctx.install.downloads ?? []).map((d) => ({
      url: d.url,
      checksums_url: d.checksumsUrl,
      dest: t(d.dest),
    })),
    oac_install_commands: ctx.install.commands.map(t),
    oac_models: unique,
    oac_files: configFiles(ctx).map(file),
    oac_service_files: serviceFiles(ctx).map(file),
    oac_servers: ctx.config.servers.map((s) => ({
      name: s.name,
      role: s.role,
      kind: s.kind,
      served_name: s.servedName,
      base_url: s.baseUrl,
      health_url: s.healthUrl,
      service: s.service.name,
      service_file: t(s.service.file),
      log: t(s.log),
    })),
  }
}

export function emitAnsible(ctx: SetupContext, dir: string): string {
  makeDir(dir)
  const path = join(dir, `${ctx.plan.profile}.yml`)
  const header = `# Written by \`oac setup --profile ${ctx.plan.profile} --emit-ansible\`; read by ansible/site.yml.\n`
  writeFileSync(path, `---\n${header}${stringify(ansibleVars(ctx), {lineWidth: 0})}`)
  return path
}
