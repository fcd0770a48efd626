import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import type {WeightsRef} from '../../engines/types.js'
import type {ServerConfig} from '../config.js'
import type {SetupContext} from '../context.js'
import {huggingFaceUrl} from '../download.js'
import {downloadProgressLine} from '../download-progress.js'
import {downloadHfFile} from '../hf-download.js'
import {filesCurrent, type Step, step, writeFiles} from './types.js'

// The models group: GGUF files downloaded from Hugging Face (resumable, checked), whole repositories fetched into
// the Hugging Face cache with `hf download` (vLLM, SGLang and MLX-LM load them from there), Ollama tags pulled.

/** huggingFaceUrl, against $HF_ENDPOINT when set (a mirror, or a local server in tests). */
export function modelUrl(repo: string, file: string, env: NodeJS.ProcessEnv): string {
  const url = huggingFaceUrl(repo, file)
  const endpoint = env.HF_ENDPOINT?.replace(/\/$/, '')
  return endpoint ? url.replace('https://huggingface.co', endpoint) : url
}

/**
 * A repository is in the hub cache when it has a snapshot: <cache>/models--<org>--<name>/snapshots/<rev>; with a
 * pinned revision, that commit's snapshot.
 */
export function inHfCache(cache: string, repo: string, revision?: string): boolean {
  const dir = join(cache, `models--${repo.replace(/\//g, '--')}`, 'snapshots')
  if (revision) return existsSync(join(dir, revision))
  return existsSync(dir) && readdirSync(dir).length > 0
}

function ggufStep(ctx: SetupContext, w: Extract<WeightsRef, {kind: 'gguf'}>, roles: string): Step {
  const url = modelUrl(w.repo, w.file, ctx.env)
  const token = ctx.env.HF_TOKEN
  return step({
    id: `model:${w.file}`,
    group: 'models',
    title: `Download ${w.file} (${roles})`,
    actions: [
      `download ${url}`,
      `      → ${w.path} (size and sha256 from the Hub API checked; resumable; .part until complete)`,
    ],
    isDone: async () => existsSync(w.path),
    run: async (log) => {
      let last = 0
      const started = performance.now()
      const r = await downloadHfFile({
        repo: w.repo,
        file: w.file,
        ...(ctx.env.HF_ENDPOINT ? {endpoint: ctx.env.HF_ENDPOINT} : {}),
        dest: w.path,
        ...(token ? {headers: {authorization: `Bearer ${token}`}} : {}),
        onProgress: (p) => {
          // Bytes, rate and ETA, redrawn at most twice a second (and once at the end).
          const now = performance.now()
          if (now - last < 500 && p.received !== p.total) return
          last = now
          log(downloadProgressLine(p, (now - started) / 1000))
        },
      })
      log(`${w.path}: ${r.bytes} bytes, sha256 ${r.sha256}${r.expectedSha256 ? ' (matches Hugging Face)' : ''}`)
      if (r.keptAside) log(`the different file that was there is kept as ${r.keptAside}`)
    },
  })
}

function hfStep(ctx: SetupContext, w: Extract<WeightsRef, {kind: 'hf'}>, roles: string): Step {
  const {repo, revision} = w
  const command = ['hf', 'download', repo, ...(revision ? ['--revision', revision] : [])]
  return step({
    id: `model:${repo}`,
    group: 'models',
    title: `Fetch ${repo}${revision ? ` at ${revision.slice(0, 12)}` : ''} into the Hugging Face cache (${roles})`,
    notes: ctx.env.HF_TOKEN ? [] : ['gated repositories need HF_TOKEN in the environment'],
    commands: [command],
    isDone: async () => inHfCache(ctx.layout.hfCache, repo, revision),
    run: async (log) => {
      await ctx.runner.check(command, {timeoutMs: 6 * 3600_000})
      log(`${repo} is in ${ctx.layout.hfCache}`)
    },
  })
}

function ollamaEnv(server: ServerConfig): Record<string, string> {
  return {OLLAMA_HOST: server.env.OLLAMA_HOST ?? `127.0.0.1:${server.port}`}
}

/** `ollama pull` talks to the running server: these steps come after the service is healthy. */
export function ollamaPullSteps(ctx: SetupContext): Step[] {
  const server = ctx.config.servers[0]
  if (ctx.plan.engine !== 'ollama' || !server) return []
  const env = ollamaEnv(server)
  const pulls = ctx.launch.servers
    .flatMap((s) => s.prepare)
    .map((argv) => {
      const tag = argv[argv.length - 1] ?? ''
      return step({
        id: `model:${tag}`,
        group: 'models',
        title: `Pull ${tag} into Ollama`,
        notes: [`with OLLAMA_HOST=${env.OLLAMA_HOST}`],
        commands: [argv],
        isDone: () => ctx.runner.answers(['ollama', 'show', tag], {env}),
        run: async (log) => {
          await ctx.runner.check(argv, {env, timeoutMs: 6 * 3600_000})
          log(`pulled ${tag}`)
        },
      })
    })
  return [...pulls, ...ollamaCreateSteps(ctx, env)]
}

/** `oac setup --adapter` on Ollama: the tuned model is created from a Modelfile once its base is pulled. */
function ollamaCreateSteps(ctx: SetupContext, env: Record<string, string>): Step[] {
  const a = ctx.adapter
  if (!a?.modelfile) return []
  const files = [{path: a.modelfile.path, content: a.modelfile.content, mode: 0o644}]
  const argv = ['ollama', 'create', a.servedName, '-f', a.modelfile.path]
  return [
    step({
      id: `model:${a.servedName}`,
      group: 'models',
      title: `Create ${a.servedName} in Ollama: the base model with the adapter ${a.path}`,
      notes: [`with OLLAMA_HOST=${env.OLLAMA_HOST}`],
      files,
      commands: [argv],
      isDone: async () => filesCurrent(files) && (await ctx.runner.answers(['ollama', 'show', a.servedName], {env})),
      run: async (log) => {
        await writeFiles(files, log)
        await ctx.runner.check(argv, {env, timeoutMs: 3600_000})
        log(`created ${a.servedName}`)
      },
    }),
  ]
}

/** One step per distinct file or repository the servers load (Ollama's pulls come later: see ollamaPullSteps). */
export function modelSteps(ctx: SetupContext): Step[] {
  const seen = new Map<string, {weights: WeightsRef; roles: string[]}>()
  for (const s of ctx.launch.servers) {
    const w = s.weights
    if (w.kind === 'ollama') continue
    const key = w.kind === 'gguf' ? w.path : w.repo
    const entry = seen.get(key) ?? {weights: w, roles: []}
    entry.roles.push(s.role)
    seen.set(key, entry)
  }
  return [...seen.values()].map(({weights: w, roles}) =>
    w.kind === 'gguf'
      ? ggufStep(ctx, w, roles.join(', '))
      : hfStep(ctx, w.kind === 'hf' ? w : {kind: 'hf', repo: ''}, roles.join(', ')),
  )
}
