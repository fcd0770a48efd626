import {join} from 'node:path'
import {platformOf} from '../engines/launch-each.js'
import {engineVersion, isPinnedEngine} from '../engines/pins.js'
import type {EngineLaunch, EngineModule, InstallPlan, LaunchSpec, Pitfall} from '../engines/types.js'
import {UsageError} from '../errors.js'
import type {HardwareReport} from '../hardware/types.js'
import {type Catalog, loadCatalog} from '../profiles/catalog.js'
import type {Plan} from '../profiles/plan.js'
import {resolvePlan} from '../profiles/resolve.js'
import type {MatchRule} from '../profiles/schema.js'
import {type AdapterServing, setupAdapter} from './adapter.js'
import type {EngineConfig, ServerConfig, ServiceManager} from './config.js'
import {diskPitfalls} from './disk-pitfall.js'
import {engineModule} from './engines.js'
import {type Layout, launchdLabel, layoutFor, serviceName} from './layout.js'
import {createRunner, type Runner} from './runner.js'

// Everything the setup steps need, resolved once: the plan on this hardware, the engine's launch specs, the paths
// and the runner. Pure data apart from the runner.

export interface SetupOptions {
  profile: string
  hardwarePath?: string
  /** First port of the servers (default: the engine's usual port). */
  basePort?: number
  env?: NodeJS.ProcessEnv
  /** How long to wait for a server to become healthy (default 15 minutes: vLLM compiles and loads for a while). */
  healthTimeoutMs?: number
  /** Install this engine version instead of the pinned one (src/engines/pins.ts). */
  engineVersion?: string
  /** Serve models whose remote code is not pinned to a commit. */
  allowUnpinnedCode?: boolean
  /** Serve a planned model (default the primary) with this LoRA adapter, as a model of its own (<model>-tuned). */
  adapter?: {path: string; name?: string | undefined; role?: string | undefined}
}

export interface SetupContext {
  hw: HardwareReport
  plan: Plan
  /** The profile's own match rule, and why it holds here (absent: this is not that profile's hardware). */
  planned: {rule: MatchRule; matched?: string}
  /** Planned for --hardware, not for this machine. */
  captured: boolean
  catalog: Catalog
  engine: EngineModule
  launch: EngineLaunch
  install: InstallPlan
  pitfalls: Pitfall[]
  layout: Layout
  config: EngineConfig
  runner: Runner
  env: NodeJS.ProcessEnv
  manager: ServiceManager
  healthTimeoutMs: number
  adapter?: AdapterServing
}

function serverConfig(
  spec: LaunchSpec,
  plan: Plan,
  catalog: Catalog,
  layout: Layout,
  manager: ServiceManager,
): ServerConfig {
  const planned = (role: string) => plan.models.find((m) => m.role === role)
  const p = planned(spec.role)
  const unit = serviceName(plan.profile, spec.role)
  const label = launchdLabel(plan.profile, spec.role)
  const origin = spec.baseUrl.replace(/\/v1$/, '')
  const server: ServerConfig = {
    name: `${plan.profile}-${spec.role}`,
    role: spec.role,
    model: spec.model,
    servedName: spec.servedName,
    quantization: p?.quantization ?? '',
    context: p?.context ?? 0,
    kind: catalog.models[spec.model]?.kind === 'embedding' ? 'embedding' : 'chat',
    port: spec.port,
    baseUrl: spec.baseUrl,
    healthUrl: `${origin}${spec.healthPath}`,
    command: spec.command,
    env: spec.env,
    script: join(layout.engineDir, `${spec.role}.sh`),
    log: join(layout.logsDir, `${spec.role}.log`),
    service:
      manager === 'systemd'
        ? {manager, name: `${unit}.service`, file: join(layout.systemdDir, `${unit}.service`)}
        : {manager, name: label, file: join(layout.launchAgentsDir, `${label}.plist`)},
  }
  if (spec.alsoServes?.length)
    server.alsoServes = spec.alsoServes.map((a) => ({
      ...a,
      quantization: planned(a.role)?.quantization ?? '',
      context: planned(a.role)?.context ?? 0,
    }))
  return server
}

export async function buildContext(options: SetupOptions): Promise<SetupContext> {
  const env = options.env ?? process.env
  const {
    hardware: hw,
    plan,
    planned,
  } = await resolvePlan({
    profile: options.profile,
    ...(options.hardwarePath ? {hardwarePath: options.hardwarePath} : {}),
    installable: true,
  })
  const catalog = loadCatalog()
  const engine = engineModule(plan.engine)
  const layout = layoutFor(plan.profile, plan.engine, env)
  const platform = platformOf(hw)
  const manager: ServiceManager = platform === 'darwin' ? 'launchd' : 'systemd'
  const base = engine.launchPlan(plan, catalog, hw, {
    modelsDir: layout.modelsDir,
    ...(options.basePort ? {basePort: options.basePort} : {}),
    ...(options.allowUnpinnedCode ? {allowUnpinnedCode: true} : {}),
  })
  const tuned = options.adapter && setupAdapter(base, options.adapter, plan, layout.engineDir)
  const launch = tuned ? tuned.launch : base
  if (options.engineVersion !== undefined && !isPinnedEngine(plan.engine))
    throw new UsageError(`--engine-version: oac installs no pinned version of ${plan.engine}`)
  // Checked here, whatever install path this machine takes (a CPU box installs a packaged build that ignores it).
  if (options.engineVersion !== undefined && isPinnedEngine(plan.engine))
    engineVersion(plan.engine, options.engineVersion)
  const install = engine.install(hw, {
    venv: layout.venvDir,
    srcDir: layout.llamaCppDir,
    ollamaDir: layout.ollamaDir,
    downloadsDir: layout.downloadsDir,
    ...(options.engineVersion !== undefined ? {engineVersion: options.engineVersion} : {}),
  })
  const config: EngineConfig = {
    version: 1,
    profile: plan.profile,
    engine: plan.engine,
    platform,
    path: layout.enginePath,
    servers: launch.servers.map((s) => serverConfig(s, plan, catalog, layout, manager)),
  }
  return {
    hw,
    plan,
    planned,
    captured: options.hardwarePath !== undefined,
    catalog,
    engine,
    launch,
    install,
    pitfalls: [...engine.pitfalls(hw), ...diskPitfalls(hw, plan)],
    layout,
    config,
    runner: createRunner({pathPrepend: layout.enginePath, env}),
    env,
    manager,
    healthTimeoutMs: options.healthTimeoutMs ?? 15 * 60_000,
    ...(tuned ? {adapter: tuned.serving} : {}),
  }
}
