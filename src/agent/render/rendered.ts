/** What a renderer makes of one event: a line for stdout, one for stderr, or nothing. */
export interface Rendered {
  stdout?: string
  stderr?: string
}
