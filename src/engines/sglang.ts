import type {HardwareReport} from '../hardware/types.js'
import {engineSupport} from '../profiles/budget.js'
import type {Catalog} from '../profiles/catalog.js'
import type {Plan} from '../profiles/plan.js'
import {LOCALHOST, launchEach, memoryShare, venvBin} from './launch-each.js'
import {blackwellCudaPitfall, keep} from './pitfalls.js'
import {hfServerSpec, pinnedRevision, pipVenvInstall, remoteCodeArgs} from './python-server.js'
import type {EngineLaunch, EngineModule, InstallPlan, LaunchInput, LaunchOptions, LaunchSpec, Pitfall} from './types.js'
import {checkpoint} from './vllm.js'

// SGLang's server, `python -m sglang.launch_server`. Flags from the server arguments page,
// https://docs.sglang.ai/advanced_features/server_arguments.html (--model-path, --context-length, --tp,
// --mem-fraction-static, --max-running-requests, --kv-cache-dtype, --served-model-name, --is-embedding), and the
// tool parser page, https://docs.sglang.ai/advanced_features/tool_parser.html (--tool-call-parser names).

export const id = 'sglang' as const
export const defaultPort = 30000
export const healthPath = '/health'

/** The catalog names vLLM's tool-call parsers; SGLang calls some of them differently. */
const SGLANG_PARSERS: Record<string, string> = {
  qwen3_coder: 'qwen3_coder',
  hermes: 'qwen25',
  glm45: 'glm45',
  openai: 'gpt-oss',
  mistral: 'mistral',
}

export function toolCallParser(vllmName: string): string {
  return SGLANG_PARSERS[vllmName] ?? vllmName
}

/** --kv-cache-dtype: auto, fp8_e5m2 or fp8_e4m3. */
export function kvCacheDtype(kvCacheType: string): {dtype: string; note?: string} {
  if (kvCacheType === 'f16' || kvCacheType === 'bf16') return {dtype: 'auto'}
  if (kvCacheType === 'fp8') return {dtype: 'fp8_e4m3'}
  return {dtype: 'fp8_e4m3', note: `SGLang has no ${kvCacheType} KV cache; using fp8_e4m3, the nearest it has`}
}

function python(options?: LaunchOptions): string {
  return options?.venv ? venvBin('python', options) : 'python3'
}

export function launch(input: LaunchInput): LaunchSpec {
  const {planned, plan, spec, port, options} = input
  const host = options?.host ?? LOCALHOST
  const ckpt = checkpoint(planned.model, spec, planned.quantization, options)
  const notes = [...ckpt.notes]
  const revision = pinnedRevision(spec, ckpt.repo)
  const args = [
    python(options),
    '-m',
    'sglang.launch_server',
    '--model-path',
    ckpt.repo,
    '--host',
    host,
    '--port',
    String(port),
    '--served-model-name',
    planned.model,
    '--context-length',
    String(planned.context),
    '--tp',
    String(plan.tensorParallel),
    '--mem-fraction-static',
    String(memoryShare(planned, plan)),
    '--max-running-requests',
    String(planned.parallel),
    ...ckpt.args,
  ]
  if (spec.kind === 'embedding') {
    const remote = remoteCodeArgs(id, planned.model, spec, ckpt.repo, options)
    args.push('--is-embedding', ...remote.args)
    notes.push(...remote.notes)
  } else {
    if (revision) args.push('--revision', revision)
    const kv = kvCacheDtype(plan.kvCacheType)
    if (kv.note) notes.push(kv.note)
    if (kv.dtype !== 'auto') args.push('--kv-cache-dtype', kv.dtype)
    if (spec.toolCallParser) args.push('--tool-call-parser', toolCallParser(spec.toolCallParser))
  }
  return hfServerSpec(id, healthPath, input, host, {repo: ckpt.repo, revision, command: args, notes})
}

export function launchPlan(plan: Plan, catalog: Catalog, hw: HardwareReport, options?: LaunchOptions): EngineLaunch {
  return launchEach({id, defaultPort, launch}, plan, catalog, hw, options)
}

export function versionCommand(options?: LaunchOptions): string[] {
  return [python(options), '-c', 'import sglang; print(sglang.__version__)']
}

/** pip into a virtual environment (https://docs.sglang.ai/get_started/install.html). */
export function install(hw: HardwareReport, options?: LaunchOptions): InstallPlan {
  return pipVenvInstall(id, 'sglang', hw, 'needs Python 3.10 or newer and an NVIDIA driver', options)
}

export function pitfalls(hw: HardwareReport): Pitfall[] {
  const unsupported = engineSupport(id, hw)
  return keep<Pitfall>(
    unsupported
      ? {id: 'platform', severity: 'error', message: unsupported, fix: 'use vLLM or llama.cpp instead'}
      : undefined,
    blackwellCudaPitfall(hw, 'SGLang'),
  )
}

export const sglang: EngineModule = {id, defaultPort, healthPath, versionCommand, install, pitfalls, launch, launchPlan}
