import {mkdirSync} from 'node:fs'
import {hostname} from 'node:os'
import {defaultDbPath, Store} from '../../store/store.js'
import type {EndpointInput} from '../../store/types.js'
import type {ServerConfig} from '../config.js'
import type {SetupContext} from '../context.js'
import {launchdPlist, type PlannedFile, systemdUnit} from '../files.js'
import {isHealthy, waitHealthy} from '../http.js'
import {displayCommand} from '../runner.js'
import {activeCommand, reloadCommands, startCommands} from '../service-control.js'
import {smokeChat, smokeEmbedding} from '../smoke.js'
import {hashOf, markState, readState} from '../state.js'
import {configFiles} from './engine.js'
import {filesCurrent, type Step, step, writeFiles} from './types.js'

// The service group: install the services, start them, wait until healthy, one smoke request each, register the
// endpoints in the store.

export function serviceFiles(ctx: SetupContext): PlannedFile[] {
  return ctx.config.servers.map((s) => ({
    path: s.service.file,
    content: s.service.manager === 'systemd' ? systemdUnit(ctx.config, s) : launchdPlist(ctx.config, s, s.service.name),
    mode: 0o644,
  }))
}

function serviceStep(ctx: SetupContext): Step {
  const files = serviceFiles(ctx)
  const reload = reloadCommands(ctx.config.servers)
  const kind = ctx.manager === 'systemd' ? 'systemd user units' : 'launchd agents'
  return step({
    id: 'service',
    group: 'service',
    title: `Install ${ctx.config.servers.length} ${kind}`,
    files,
    commands: reload,
    isDone: async () => filesCurrent(files),
    run: async (log) => {
      mkdirSync(ctx.layout.logsDir, {recursive: true})
      await writeFiles(files, log)
      for (const c of reload) await ctx.runner.check(c)
    },
  })
}

/** Changes whenever a file a running server reads changes: the servers then restart. */
function startedKey(ctx: SetupContext): string {
  return hashOf([...configFiles(ctx), ...serviceFiles(ctx)].map((f) => [f.path, f.content]))
}

function startStep(ctx: SetupContext): Step {
  const key = startedKey(ctx)
  const commands = ctx.config.servers.flatMap(startCommands)
  return step({
    id: 'start',
    group: 'service',
    title: `Start ${ctx.config.servers.map((s) => s.service.name).join(', ')}`,
    commands,
    isDone: async () => {
      if (readState(ctx.layout.stateFile).started !== key) return false
      for (const s of ctx.config.servers) if (!(await ctx.runner.answers(activeCommand(s)))) return false
      return true
    },
    run: async (log) => {
      for (const c of commands) {
        log(displayCommand(c))
        await ctx.runner.check(c)
      }
      markState(ctx.layout.stateFile, 'started', key)
    },
  })
}

function healthStep(ctx: SetupContext): Step {
  const servers = ctx.config.servers
  const seconds = Math.round(ctx.healthTimeoutMs / 1000)
  return step({
    id: 'health',
    group: 'service',
    title: 'Wait until every server is healthy',
    actions: servers.map((s) => `GET ${s.healthUrl} until 200 (at most ${seconds} s)`),
    isDone: async () => (await Promise.all(servers.map((s) => isHealthy(s.healthUrl)))).every(Boolean),
    run: async (log) => {
      for (const s of servers) {
        await waitHealthy(s.healthUrl, {
          timeoutMs: ctx.healthTimeoutMs,
          onWait: (t) => log(`${s.name}: waiting for ${s.healthUrl} (${t} s; log: ${s.log})`),
        })
        log(`${s.name}: healthy`)
      }
    },
  })
}

function smokeKey(ctx: SetupContext): string {
  return hashOf(ctx.adapter ? [ctx.config, ctx.adapter] : ctx.config)
}

/** Every server, and the tuned model where it shares its server with the base (vLLM, Ollama). */
function smokeTargets(ctx: SetupContext): ServerConfig[] {
  const a = ctx.adapter
  const server = a?.keepsBase ? ctx.config.servers.find((s) => s.role === a.server) : undefined
  return server && a
    ? [...ctx.config.servers, {...server, name: a.endpoint, servedName: a.servedName}]
    : ctx.config.servers
}

function smokeStep(ctx: SetupContext): Step {
  const key = smokeKey(ctx)
  const describe = (s: ServerConfig) =>
    s.kind === 'embedding'
      ? `POST ${s.baseUrl}/embeddings (model ${s.servedName}): expect a vector`
      : `POST ${s.baseUrl}/chat/completions (model ${s.servedName}, tool read_file): expect one tool call`
  return step({
    id: 'smoke',
    group: 'service',
    title: 'One smoke request per server, with a tool call',
    actions: smokeTargets(ctx).map(describe),
    isDone: async () => readState(ctx.layout.stateFile).smoke === key,
    run: async (log) => {
      for (const s of smokeTargets(ctx)) {
        const r =
          s.kind === 'embedding'
            ? await smokeEmbedding(s.baseUrl, s.servedName)
            : await smokeChat(s.baseUrl, s.servedName)
        if (!r.ok) throw new Error(`${s.name}: ${r.detail} (log: ${s.log})`)
        log(`${s.name}: ${r.detail}`)
      }
      markState(ctx.layout.stateFile, 'smoke', key)
    },
  })
}

export function endpointInputs(ctx: SetupContext): EndpointInput[] {
  const host = hostname()
  const tuned = ctx.adapter
  return ctx.config.servers.flatMap((s) => {
    const entries = [{...s}, ...(s.alsoServes ?? []).map((a) => ({...s, ...a}))].map((e) => ({
      name: `${ctx.plan.profile}-${e.role}`,
      url: s.baseUrl,
      engine: ctx.plan.engine,
      model: e.servedName,
      quantization: e.quantization,
      contextLength: e.context,
      profile: ctx.plan.profile,
      host,
    }))
    if (!tuned || s.role !== tuned.server) return entries
    // The tuned model is its own endpoint; where its server serves nothing else, the base's is not registered.
    const base = entries.find((e) => e.name === `${ctx.plan.profile}-${tuned.role}`) ?? entries[0]
    const own = {...base, name: tuned.endpoint, model: tuned.servedName} as EndpointInput
    return [...(tuned.keepsBase ? entries : entries.filter((e) => e.name !== `${ctx.plan.profile}-${s.role}`)), own]
  })
}

function registerStep(ctx: SetupContext): Step {
  const inputs = endpointInputs(ctx)
  const db = defaultDbPath(ctx.env)
  const same = (store: Store, e: EndpointInput) => {
    const found = store.getEndpoint(e.name ?? '')
    return (
      found?.url === e.url &&
      found.model === e.model &&
      found.engine === e.engine &&
      found.quantization === e.quantization &&
      found.contextLength === e.contextLength &&
      found.profile === e.profile
    )
  }
  return step({
    id: 'register',
    group: 'service',
    title: `Register ${inputs.map((e) => e.name).join(', ')} in the results store`,
    actions: inputs.map((e) => `store ${db}: endpoint ${e.name} = ${e.url} model ${e.model}`),
    isDone: async () => {
      const store = Store.open(db)
      try {
        return inputs.every((e) => same(store, e))
      } finally {
        store.close()
      }
    },
    run: async (log) => {
      const store = Store.open(db)
      try {
        for (const e of inputs) log(`${e.name}: endpoint #${store.upsertEndpoint(e)}`)
      } finally {
        store.close()
      }
    },
  })
}

export function serviceSteps(ctx: SetupContext): {before: Step[]; after: Step[]} {
  return {before: [serviceStep(ctx), startStep(ctx), healthStep(ctx)], after: [smokeStep(ctx), registerStep(ctx)]}
}
