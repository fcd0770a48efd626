// Errors of model downloads, with the file they concern and what happened to the partial file.

export class ChecksumError extends Error {
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`checksum mismatch for ${file}: expected sha256 ${expected}, got ${actual}; the partial file was deleted`)
    this.name = 'ChecksumError'
  }
}

export class DownloadError extends Error {
  constructor(
    message: string,
    /** Worth resuming: the connection dropped, as opposed to a 404 or a bad size. */
    readonly retryable = false,
  ) {
    super(message)
    this.name = 'DownloadError'
  }
}
