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
]
