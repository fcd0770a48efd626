import {readFileSync} from 'node:fs'

// The unix sockets the host listens on, by path, from /proc/net/unix (proc(5): the last column is the bound path;
// abstract sockets start with `@` and belong to the network namespace, which the sandbox leaves unless it allows
// network). A read-only mount does not stop connect(2) on a socket, so each one a command could see is covered.

/** Paths of the bound, path-named sockets in a /proc/net/unix listing. */
export function socketPaths(listing: string): string[] {
  const paths = new Set<string>()
  for (const line of listing.split('\n').slice(1)) {
    const path = /^\s*(?:\S+\s+){7}(\/.*)$/.exec(line)?.[1]
    if (path) paths.add(path)
  }
  return [...paths]
}

/** The host's socket paths now; none where /proc/net/unix cannot be read. */
export function hostSocketPaths(): string[] {
  try {
    return socketPaths(readFileSync('/proc/net/unix', 'utf8'))
  } catch {
    return []
  }
}
