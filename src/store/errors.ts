// Errors that name the database file and say what to do; the file itself is never touched when they are thrown.
// A damaged file or one from a newer oac is exit 2: with a store it cannot read, oac cannot decide anything
// (DESIGN.md, "Decisions").
import {EXIT, OacError} from '../errors.js'

export class StoreError extends OacError {
  constructor(
    message: string,
    readonly file: string,
    exit: number = EXIT.failed,
  ) {
    super(message, exit)
    this.name = 'StoreError'
  }
}

export class CorruptDatabaseError extends StoreError {
  constructor(file: string, cause: string) {
    super(
      `The results database ${file} is damaged or not an SQLite database (${cause}). It was left as it is: move it aside (mv ${file} ${file}.damaged) to start a new one, restore a backup, or save what is still readable with \`sqlite3 ${file} .recover | sqlite3 NEW.db\`.`,
      file,
      EXIT.badInput,
    )
    this.name = 'CorruptDatabaseError'
  }
}

export class NewerSchemaError extends StoreError {
  constructor(file: string, found: number, known: number) {
    super(
      `The results database ${file} has schema version ${found}, written by a newer oac (this one knows up to ${known}). It was left as it is: upgrade oac, or point OAC_HOME elsewhere.`,
      file,
      EXIT.badInput,
    )
    this.name = 'NewerSchemaError'
  }
}
