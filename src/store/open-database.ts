import {mkdirSync} from 'node:fs'
import {dirname} from 'node:path'
import Database from 'better-sqlite3'
import {CorruptDatabaseError, NewerSchemaError} from './errors.js'
import {migrations} from './migrations.js'

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema to the latest version. */
export function openDatabase(file: string): Database.Database {
  mkdirSync(dirname(file), {recursive: true})
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
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, version)
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

function migrate(db: Database.Database, from: number): void {
  for (let version = from; version < migrations.length; version++) {
    // Each step and its version bump commit together: a crash mid-migration leaves the previous version intact.
    db.transaction(() => {
      db.exec(migrations[version]!)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
