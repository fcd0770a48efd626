// Versioned schema. Each entry moves the database from version i to i+1 (PRAGMA user_version); entries are
// never edited once released, only appended, so every older file can be brought forward.
export const migrations: readonly string[] = [
  `
  CREATE TABLE endpoints (
    id INTEGER PRIMARY KEY,
    name TEXT UNIQUE,
    url TEXT NOT NULL,
    engine TEXT,
    model TEXT NOT NULL,
    quantization TEXT,
    context_length INTEGER,
    profile TEXT,
    host TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (url, model)
  );
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('bench', 'eval-tool-calling', 'eval-swe')),
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'partial', 'failed', 'incomplete')),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    endpoint_id INTEGER REFERENCES endpoints (id),
    endpoint_url TEXT,
    engine TEXT,
    model TEXT NOT NULL,
    profile TEXT,
    params TEXT NOT NULL,
    oac_version TEXT,
    git_sha TEXT,
    hardware_fingerprint TEXT,
    hardware TEXT,
    summary TEXT,
    pid INTEGER,
    host TEXT
  );
  CREATE INDEX runs_by_kind_model ON runs (kind, model, started_at);
  CREATE TABLE samples (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    ok INTEGER NOT NULL,
    error TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (run_id, idx)
  );
  `,
  // v2: the quantization a run was served with (copied from its endpoint when it starts), so `oac route pick` can
  // tell evidence about the model as served now from evidence about an older quantization; and the routing decisions
  // `oac route pick --write` made, for `oac route show` and the report.
  `
  ALTER TABLE runs ADD COLUMN quantization TEXT;
  CREATE TABLE route_decisions (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    hardware_fingerprint TEXT,
    config_path TEXT,
    decision TEXT NOT NULL
  );
  `,
  // Agent sessions (agent/session-store.ts): every message as sent to the model, with the tokens of each reply.
  // IF NOT EXISTS: before this migration the session store created these tables itself.
  `
  CREATE TABLE IF NOT EXISTS agent_sessions (
    id TEXT PRIMARY KEY,
    root TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    model TEXT NOT NULL,
    task TEXT NOT NULL,
    status TEXT NOT NULL,
    turns INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS agent_sessions_root ON agent_sessions (root, updated_at);
  CREATE TABLE IF NOT EXISTS agent_messages (
    session_id TEXT NOT NULL REFERENCES agent_sessions (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    message TEXT NOT NULL,
    tool_name TEXT,
    is_error INTEGER,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    compacted INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
  );
  `,
  // v4: retrieval evals (`oac eval retrieval`) are runs too. SQLite cannot change a CHECK constraint in place, so the
  // runs table is rebuilt as https://www.sqlite.org/lang_altertable.html#otheralter says, with foreign keys off
  // (`FOREIGN_KEYS_OFF`: dropping the old table would otherwise delete every sample through ON DELETE CASCADE).
  `
  CREATE TABLE runs_v4 (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('bench', 'eval-tool-calling', 'eval-swe', 'eval-retrieval')),
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'partial', 'failed', 'incomplete')),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    endpoint_id INTEGER REFERENCES endpoints (id),
    endpoint_url TEXT,
    engine TEXT,
    model TEXT NOT NULL,
    profile TEXT,
    params TEXT NOT NULL,
    oac_version TEXT,
    git_sha TEXT,
    hardware_fingerprint TEXT,
    hardware TEXT,
    summary TEXT,
    pid INTEGER,
    host TEXT,
    quantization TEXT
  );
  INSERT INTO runs_v4 (id, kind, status, started_at, finished_at, endpoint_id, endpoint_url, engine, model, profile,
    params, oac_version, git_sha, hardware_fingerprint, hardware, summary, pid, host, quantization)
  SELECT id, kind, status, started_at, finished_at, endpoint_id, endpoint_url, engine, model, profile,
    params, oac_version, git_sha, hardware_fingerprint, hardware, summary, pid, host, quantization FROM runs;
  DROP TABLE runs;
  ALTER TABLE runs_v4 RENAME TO runs;
  CREATE INDEX runs_by_kind_model ON runs (kind, model, started_at);
  `,
  // v5: the router's cost ledger (routing/cost/ledger.ts): one row per API request it proxied, local or cloud, with
  // its tokens, what it cost (cloud: tokens at the upstream's price; local: the electricity of its share of the
  // GPUs' energy) and why it went where it went. Cloud spend per upstream is summed from it at start, so budgets
  // survive restarts. No prompt, reply or key is stored.
  `
  CREATE TABLE cost_ledger (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    api TEXT NOT NULL,
    model TEXT NOT NULL,
    upstream TEXT,
    upstream_model TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('local', 'anthropic', 'openai', 'none')),
    status TEXT NOT NULL,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    cached_tokens INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    tokens_estimated INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL,
    energy_wh REAL,
    energy_estimated INTEGER NOT NULL DEFAULT 0,
    ttft_ms REAL,
    duration_ms REAL NOT NULL,
    route TEXT
  );
  CREATE INDEX cost_ledger_by_time ON cost_ledger (at);
  CREATE INDEX cost_ledger_by_upstream ON cost_ledger (upstream, at);
  `,
]

/** Migrations (by the version they produce, 1-based) that rebuild a table and must run with foreign keys off. */
export const FOREIGN_KEYS_OFF: ReadonlySet<number> = new Set([4])
