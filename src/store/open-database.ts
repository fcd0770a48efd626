import {closeSync, openSync} from 'node:fs'
import {dirname} from 'node:path'
import Database from 'better-sqlite3'
import {ensurePrivateDir, narrow, PRIVATE_FILE_MODE} from '../private-files.js'
import {CorruptDatabaseError, NewerSchemaError} from './errors.js'
import {FOREIGN_KEYS_OFF, migrations} from './migrations.js'

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema to the latest version. */
export function openDatabase(file: string): Database.Database {
  // $OAC_HOME holds prompts, tool output and endpoints: only its owner may read it. SQLite gives the -wal and -shm
  // files the mode of the database file, so creating that one 0600 covers all three.
  ensurePrivateDir(dirname(file))
  if (file !== ':memory:') {
    closeSync(openSync(file, 'a', PRIVATE_FILE_MODE))
    for (const f of [file, `${file}-wal`, `${file}-shm`]) narrow(f, PRIVATE_FILE_MODE)
  }
  let db: Database.Database
  try {
    db = new Database(file)
  } catch (error) {
    throw new CorruptDatabaseError(file, (error as Error).message)
  }
  try {
    // The first read is where SQLite notices a file that is not a database (SQLITE_NOTADB).
    const version = db.pragma('user_version', {simple: true}) as number
    if (version > migrations.length) throw new NewerSchemaError(file, version, migrations.length)
    // The timeout first: two commands opening a new file at once wait for each other's lock instead of failing.
    db.pragma('busy_timeout = 5000')
    // Switching a new file to WAL takes an exclusive lock, and SQLite answers SQLITE_BUSY at once (without the busy
    // handler) when another opener holds a read lock it would have to wait on: retried here, for as long as the
    // busy timeout. The mode is stored in the file, so only the first open of a new store switches it.
    whileBusy(() => {
      if (db.pragma('journal_mode', {simple: true}) !== 'wal') db.pragma('journal_mode = WAL')
    })
    db.pragma('foreign_keys = ON')
    // Deleted rows (a session's prompts and tool output, on `oac agent sessions delete`) are overwritten with zeros,
    // not left in free pages of the file.
    db.pragma('secure_delete = ON')
    whileBusy(() => checkIntegrity(db))
    migrate(db)
    return db
  } catch (error) {
    db.close()
    if (error instanceof NewerSchemaError) throw error
    const code = (error as {code?: string}).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new CorruptDatabaseError(file, (error as Error).message)
    throw error
  }
}

const BUSY_WAIT_MS = 5000

/** Runs `step`, again after a short sleep while it fails with SQLITE_BUSY, for BUSY_WAIT_MS at most. */
function whileBusy(step: () => void): void {
  const until = Date.now() + BUSY_WAIT_MS
  for (;;) {
    try {
      step()
      return
    } catch (error) {
      const code = (error as {code?: string}).code
      if (!code?.startsWith('SQLITE_BUSY') || Date.now() > until) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.floor(Math.random() * 20))
    }
  }
}

// A file with a few pages overwritten still opens, and its first pages (the runs) may still read: without this check
// `oac gate` could pass on the runs it can read while `oac report` fails on the samples it cannot. quick_check reads
// every page but skips the index cross-checks of integrity_check (bench/store-open.ts measures it).
function checkIntegrity(db: Database.Database): void {
  const rows = db.pragma('quick_check(5)', {simple: false}) as {quick_check: string}[]
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok')
  if (problems.length) throw Object.assign(new Error(problems.join('; ')), {code: 'SQLITE_CORRUPT'})
}

function migrate(db: Database.Database): void {
  // Each step and its version bump commit together: a crash mid-migration leaves the previous version intact. The
  // version is read again inside a write transaction (BEGIN IMMEDIATE), so when two commands open a new store at
  // once the second waits and then finds the step done, instead of failing on "table endpoints already exists".
  const step = db.transaction(() => {
    const version = db.pragma('user_version', {simple: true}) as number
    if (version >= migrations.length) return false
    db.exec(migrations[version]!)
    if (FOREIGN_KEYS_OFF.has(version + 1) && (db.pragma('foreign_key_check', {simple: false}) as unknown[]).length)
      throw new Error(`migration ${version + 1} would break a foreign key; the store is unchanged`)
    db.pragma(`user_version = ${version + 1}`)
    return true
  })
  for (;;) {
    // The pragma is a no-op inside a transaction, so it is set around the step that rebuilds a table.
    const next = (db.pragma('user_version', {simple: true}) as number) + 1
    if (FOREIGN_KEYS_OFF.has(next)) db.pragma('foreign_keys = OFF')
    try {
      if (!step.immediate()) break
    } finally {
      db.pragma('foreign_keys = ON')
    }
  }
}
