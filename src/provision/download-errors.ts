// Errors of model downloads, with the file they concern and what happened to the partial file.
import {EXIT, OacError} from '../errors.js'

export class ChecksumError extends OacError {
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
    /** Downloads made before giving up (a mismatch is retried once). */
    readonly attempts = 1,
  ) {
    super(
      `checksum mismatch for ${file}: expected sha256 ${expected}, got ${actual}${attempts > 1 ? ` (${attempts} downloads, each checked)` : ''}; the downloaded copy was deleted, files you had were left as they were`,
      EXIT.failed,
    )
    this.name = 'ChecksumError'
  }
}

export class DownloadError extends OacError {
  constructor(
    message: string,
    /** Worth resuming: the connection dropped, as opposed to a 404 or a bad size. */
    readonly retryable = false,
  ) {
    super(message, EXIT.failed)
    this.name = 'DownloadError'
  }
}
