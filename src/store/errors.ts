// Errors that name the database file and say what to do; the file itself is never touched when they are thrown.
import {EXIT, OacError} from '../errors.js'

export class StoreError extends OacError {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message, EXIT.failed)
    this.name = 'StoreError'
  }
}

export class CorruptDatabaseError extends StoreError {
  constructor(file: string, cause: string) {
    super(
      `The results database ${file} is not a readable SQLite database (${cause}). It was left as it is: move it aside to start a new one, or restore a backup.`,
      file,
    )
    this.name = 'CorruptDatabaseError'
  }
}

export class NewerSchemaError extends StoreError {
  constructor(file: string, found: number, known: number) {
    super(
      `The results database ${file} has schema version ${found}, written by a newer oac (this one knows up to ${known}). It was left as it is: upgrade oac, or point OAC_HOME elsewhere.`,
      file,
    )
    this.name = 'NewerSchemaError'
  }
}
