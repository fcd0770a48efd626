import type {Endpoint, Run, RunKind, RunStatus, Sample} from './types.js'

// SQLite rows and their mapping to the typed objects the rest of oac uses.

export interface EndpointRow {
  id: number
  name: string | null
  url: string
  engine: string | null
  model: string
  quantization: string | null
  context_length: number | null
  profile: string | null
  host: string | null
  created_at: string
  updated_at: string
}

export interface RunRow {
  id: number
  kind: RunKind
  status: RunStatus
  started_at: string
  finished_at: string | null
  endpoint_id: number | null
  endpoint_url: string | null
  engine: string | null
  model: string
  profile: string | null
  params: string
  oac_version: string | null
  git_sha: string | null
  hardware_fingerprint: string | null
  hardware: string | null
  summary: string | null
  quantization: string | null
}

export interface SampleRow {
  run_id: number
  idx: number
  ok: number
  error: string | null
  data: string
}

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value)
const json = (value: string | null): unknown => (value === null ? undefined : JSON.parse(value))

export function toEndpoint(row: EndpointRow): Endpoint {
  return {
    id: row.id,
    name: opt(row.name),
    url: row.url,
    engine: opt(row.engine),
    model: row.model,
    quantization: opt(row.quantization),
    contextLength: opt(row.context_length),
    profile: opt(row.profile),
    host: opt(row.host),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function toRun(row: RunRow): Run {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: opt(row.finished_at),
    endpointId: opt(row.endpoint_id),
    endpointUrl: opt(row.endpoint_url),
    engine: opt(row.engine),
    model: row.model,
    profile: opt(row.profile),
    params: json(row.params),
    oacVersion: opt(row.oac_version),
    gitSha: opt(row.git_sha),
    hardwareFingerprint: opt(row.hardware_fingerprint),
    hardware: json(row.hardware),
    summary: json(row.summary),
    quantization: opt(row.quantization),
  }
}

export function toSample(row: SampleRow): Sample {
  return {runId: row.run_id, idx: row.idx, ok: row.ok === 1, error: opt(row.error), data: JSON.parse(row.data)}
}
