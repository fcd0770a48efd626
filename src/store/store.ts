import {hostname} from 'node:os'
import {join} from 'node:path'
import type Database from 'better-sqlite3'
import {oacHome} from '../paths.js'
import {oacVersion} from '../version.js'
import {openDatabase} from './open-database.js'
import {redactDeep, stripUrlCredentials} from './redact.js'
import {type EndpointRow, type RunRow, type SampleRow, toEndpoint, toRun, toSample} from './rows.js'
import type {
  Endpoint,
  EndpointInput,
  RouteDecisionRecord,
  Run,
  RunInput,
  RunQuery,
  RunStatus,
  Sample,
  SampleInput,
} from './types.js'

/** The results database file: `$OAC_HOME/oac.db`. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(oacHome(env), 'oac.db')
}

/** The one place where one stage hands results to a later one. Every write commits at once (WAL). */
export class Store {
  private constructor(
    readonly file: string,
    private readonly db: Database.Database,
  ) {}

  static open(file: string = defaultDbPath()): Store {
    const store = new Store(file, openDatabase(file))
    store.markOrphanedRuns()
    return store
  }

  close(): void {
    this.db.close()
  }

  /**
   * Registers an endpoint, or updates the one with the same URL and model; returns its id. A name is the endpoint's
   * identity: registering a name again with a new URL (an engine restarted on another port) moves that row, so runs
   * that point at it keep pointing at it, and no other row keeps the name.
   */
  upsertEndpoint(given: EndpointInput): number {
    // Stored without user info: a registered URL is shown and served (latest_results); its key is named elsewhere.
    const input = {...given, url: stripUrlCredentials(given.url)}
    return this.db.transaction(() => {
      if (input.name !== undefined) this.moveNamedEndpoint(input.name, input.url, input.model)
      return this.upsertEndpointByUrl(input)
    })()
  }

  private moveNamedEndpoint(name: string, url: string, model: string): void {
    const named = this.db.prepare('SELECT id FROM endpoints WHERE name = ?').get(name) as {id: number} | undefined
    if (!named) return
    const atUrl = this.db.prepare('SELECT id FROM endpoints WHERE url = ? AND model = ?').get(url, model) as
      | {id: number}
      | undefined
    if (atUrl?.id === named.id) return
    if (atUrl) this.db.prepare('UPDATE endpoints SET name = NULL WHERE id = ?').run(named.id)
    else this.db.prepare('UPDATE endpoints SET url = ?, model = ? WHERE id = ?').run(url, model, named.id)
  }

  private upsertEndpointByUrl(input: EndpointInput): number {
    const now = new Date().toISOString()
    const row = this.db
      .prepare(
        `INSERT INTO endpoints (name, url, engine, model, quantization, context_length, profile, host, created_at, updated_at)
         VALUES (@name, @url, @engine, @model, @quantization, @contextLength, @profile, @host, @now, @now)
         ON CONFLICT (url, model) DO UPDATE SET name = coalesce(excluded.name, name), engine = excluded.engine,
           quantization = excluded.quantization, context_length = excluded.context_length,
           profile = excluded.profile, host = excluded.host, updated_at = excluded.updated_at
         RETURNING id`,
      )
      .get({
        name: input.name ?? null,
        url: input.url,
        engine: input.engine ?? null,
        model: input.model,
        quantization: input.quantization ?? null,
        contextLength: input.contextLength ?? null,
        profile: input.profile ?? null,
        host: input.host ?? null,
        now,
      }) as {id: number}
    return row.id
  }

  listEndpoints(): Endpoint[] {
    return (this.db.prepare('SELECT * FROM endpoints ORDER BY id').all() as EndpointRow[]).map(toEndpoint)
  }

  /** An endpoint by numeric id or by name. */
  getEndpoint(idOrName: string | number): Endpoint | undefined {
    const row = this.db
      .prepare('SELECT * FROM endpoints WHERE id = ? OR name = ?')
      .get(Number(idOrName) || -1, String(idOrName))
    return row ? toEndpoint(row as EndpointRow) : undefined
  }

  /** Starts a run in status `running`, stamped with oac's version, git sha, this host and process. */
  startRun(input: RunInput): number {
    const {version, gitSha} = oacVersion()
    const row = this.db
      .prepare(
        `INSERT INTO runs (kind, status, started_at, endpoint_id, endpoint_url, engine, model, profile, params,
           oac_version, git_sha, hardware_fingerprint, hardware, pid, host, quantization)
         VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
           (SELECT quantization FROM endpoints WHERE id = ?)) RETURNING id`,
      )
      .get(
        input.kind,
        new Date().toISOString(),
        input.endpointId ?? null,
        input.endpointUrl === undefined ? null : stripUrlCredentials(input.endpointUrl),
        input.engine ?? null,
        input.model,
        input.profile ?? null,
        JSON.stringify(redactDeep(input.params ?? {})),
        version,
        gitSha ?? null,
        input.hardwareFingerprint ?? null,
        input.hardware === undefined ? null : JSON.stringify(input.hardware),
        process.pid,
        hostname(),
        input.endpointId ?? null,
      ) as {id: number}
    return row.id
  }

  /** Records what `oac route pick --write` decided; returns its id. */
  saveRouteDecision(input: {hardwareFingerprint?: string; configPath?: string; decision: unknown}): number {
    const row = this.db
      .prepare(
        'INSERT INTO route_decisions (created_at, hardware_fingerprint, config_path, decision) VALUES (?, ?, ?, ?) RETURNING id',
      )
      .get(
        new Date().toISOString(),
        input.hardwareFingerprint ?? null,
        input.configPath ?? null,
        JSON.stringify(redactDeep(input.decision)),
      ) as {id: number}
    return row.id
  }

  /** Routing decisions, newest first. */
  listRouteDecisions(limit = 20): RouteDecisionRecord[] {
    const rows = this.db.prepare('SELECT * FROM route_decisions ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number
      created_at: string
      hardware_fingerprint: string | null
      config_path: string | null
      decision: string
    }[]
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      ...(r.hardware_fingerprint !== null ? {hardwareFingerprint: r.hardware_fingerprint} : {}),
      ...(r.config_path !== null ? {configPath: r.config_path} : {}),
      decision: JSON.parse(r.decision),
    }))
  }

  /** Saves one finished request/case at once, so a crash later loses nothing already measured. */
  addSample(runId: number, sample: SampleInput): void {
    this.db
      .prepare('INSERT OR REPLACE INTO samples (run_id, idx, ok, error, data) VALUES (?, ?, ?, ?, ?)')
      .run(
        runId,
        sample.idx,
        sample.ok ? 1 : 0,
        sample.error === undefined ? null : redactDeep(sample.error),
        JSON.stringify(redactDeep(sample.data)),
      )
  }

  addSamples(runId: number, samples: SampleInput[]): void {
    this.db.transaction(() => {
      for (const sample of samples) this.addSample(runId, sample)
    })()
  }

  finishRun(runId: number, status: Exclude<RunStatus, 'running'>, summary?: unknown): void {
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, summary = ? WHERE id = ?')
      .run(status, new Date().toISOString(), summary === undefined ? null : JSON.stringify(redactDeep(summary)), runId)
  }

  /** Takes up an unfinished run again in this process (`--resume`): status `running`, this host and pid. */
  reopenRun(runId: number): void {
    this.db
      .prepare("UPDATE runs SET status = 'running', finished_at = NULL, pid = ?, host = ? WHERE id = ?")
      .run(process.pid, hostname(), runId)
  }

  getRun(id: number): Run | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id)
    return row ? toRun(row as RunRow) : undefined
  }

  /** Runs, newest first. */
  listRuns(query: RunQuery = {}): Run[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM runs WHERE (@kind IS NULL OR kind = @kind) AND (@model IS NULL OR model = @model)
           AND (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit`,
      )
      .all({
        kind: query.kind ?? null,
        model: query.model ?? null,
        status: query.status ?? null,
        limit: query.limit ?? -1,
      })
    return (rows as RunRow[]).map(toRun)
  }

  samples(runId: number): Sample[] {
    return (this.db.prepare('SELECT * FROM samples WHERE run_id = ? ORDER BY idx').all(runId) as SampleRow[]).map(
      toSample,
    )
  }

  /** Runs left `running` by a process of this host that no longer exists were cut off: mark them incomplete. */
  private markOrphanedRuns(): void {
    const rows = this.db.prepare("SELECT id, pid FROM runs WHERE status = 'running' AND host = ?").all(hostname()) as {
      id: number
      pid: number | null
    }[]
    const mark = this.db.prepare("UPDATE runs SET status = 'incomplete' WHERE id = ?")
    for (const row of rows) if (row.pid === null || !processAlive(row.pid)) mark.run(row.id)
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
