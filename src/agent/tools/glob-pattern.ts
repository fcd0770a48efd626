import picomatch from 'picomatch'

// Glob patterns as the model writes them (`src/**/*.ts`, `*.{js,ts}`, `*.[jt]s`), as regular expressions over paths
// relative to the search directory, compiled by picomatch. A pattern without a slash matches file names in any
// folder, as ripgrep's --glob does; `*` also matches names that start with a dot.

/** A RegExp matching relative paths (with `/` separators) that the glob matches. */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.includes('/') ? glob.replace(/^\.\//, '') : `**/${glob}`
  return picomatch.makeRe(pattern, {dot: true})
}
