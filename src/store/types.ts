// Rows as the rest of oac sees them: JSON columns parsed, snake_case columns in camelCase.

export type RunKind = 'bench' | 'eval-tool-calling' | 'eval-swe' | 'eval-retrieval'
/** `incomplete`: the process that wrote it died before finishing (crash, kill); `partial`: stopped on request (Ctrl-C). */
export type RunStatus = 'running' | 'complete' | 'partial' | 'failed' | 'incomplete'

export interface EndpointInput {
  name?: string
  url: string
  engine?: string
  model: string
  quantization?: string
  contextLength?: number
  profile?: string
  host?: string
}

export interface Endpoint extends EndpointInput {
  id: number
  createdAt: string
  updatedAt: string
}

export interface RunInput {
  kind: RunKind
  model: string
  params: unknown
  endpointId?: number
  endpointUrl?: string
  engine?: string
  profile?: string
  hardwareFingerprint?: string
  hardware?: unknown
}

export interface Run {
  id: number
  kind: RunKind
  status: RunStatus
  startedAt: string
  finishedAt?: string
  endpointId?: number
  endpointUrl?: string
  engine?: string
  model: string
  profile?: string
  params: unknown
  oacVersion?: string
  gitSha?: string
  hardwareFingerprint?: string
  hardware?: unknown
  summary?: unknown
  /** The endpoint's quantization when the run started. */
  quantization?: string
}

/** A routing decision as `oac route pick --write` recorded it. */
export interface RouteDecisionRecord {
  id: number
  createdAt: string
  hardwareFingerprint?: string
  configPath?: string
  decision: unknown
}

export interface SampleInput {
  idx: number
  ok: boolean
  error?: string
  data: unknown
}

export interface Sample extends SampleInput {
  runId: number
}

export interface RunQuery {
  kind?: RunKind
  model?: string
  status?: RunStatus
  limit?: number
}
