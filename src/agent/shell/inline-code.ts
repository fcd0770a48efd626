import {type ProtectedPlaces, protectedHit} from './protected-places.js'
import {resolveWord, type ShellState} from './resolve-word.js'
import type {Risk} from './risk.js'

// Code given to an interpreter on the command line (`python3 -c`, `node -e`, `perl -e`, a heredoc), read for what it
// would do to a protected place: its string literals that are shell commands are checked as commands, and those
// that are paths are resolved when the code deletes or renames; code that deletes a path it computes (the home
// folder, the working folder) or runs a command it decodes or builds cannot be checked and needs a person. Code
// that does none of this (`print(1 + 1)`) runs.

const INLINE_FLAG = /^-\w*[ceEr]$|^--(?:eval|print)$/
const LITERAL = /'''([\s\S]*?)'''|"""([\s\S]*?)"""|'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g
const DELETES =
  /\b(?:rmtree|rmSync|rm_rf|rm_r|rimraf|removedirs|remove_tree|rmdirSync|rmdir|unlink|unlinkSync|remove|rename|renameSync|move|rm)\s*\(/
const RUNS =
  /\b(?:system|popen|Popen|spawn|spawnSync|execSync|execFileSync|execFile|exec|eval|subprocess|child_process|check_output|check_call|getoutput|Open3|IO\.popen|shell_exec|passthru|proc_open)\b|`/
const COMPUTED_PLACE =
  /\b(?:expanduser|homedir|home\(\)|getcwd|cwd\(\)|Dir\.pwd|Dir\.home|environ|process\.env|ENV\[|getenv|curdir)|\$ENV\b|\$HOME\b/
const OBFUSCATED =
  /\b(?:b64decode|base64|decode|fromhex|unhexlify|atob|fromCharCode|chr|codecs|zlib|gzip|marshal|pickle|eval|compile|reverse|pack|unpack)\b|Buffer\.from/

/** The code an interpreter's arguments carry inline, or undefined when it runs a file or nothing. */
export function inlineCode(args: string[]): string | undefined {
  const at = args.findIndex((a) => INLINE_FLAG.test(a))
  return at === -1 ? undefined : (args[at + 1] ?? '')
}

export function codeRisk(
  code: string,
  walk: (text: string) => Risk | undefined,
  state: ShellState,
  places: ProtectedPlaces,
): Risk | undefined {
  const literals = [...code.matchAll(LITERAL)].map((m) => m.slice(1).find((g) => g !== undefined) ?? '')
  let ask: Risk | undefined
  for (const literal of literals) {
    const risk = /\s/.test(literal.trim()) ? walk(literal) : undefined
    if (risk?.kind === 'refuse') return {kind: 'refuse', reason: `${risk.reason} (from inline code)`}
    ask ??= risk
  }
  if (DELETES.test(code)) {
    for (const literal of literals.filter((l) => l && !/\s/.test(l))) {
      const resolved = resolveWord(literal, state)
      for (const path of resolved.known ? resolved.paths : []) {
        const hit = protectedHit(path, places, 'remove')
        if (hit) return {kind: 'refuse', reason: `${hit} (from inline code)`}
      }
    }
    if (COMPUTED_PLACE.test(code))
      return {
        kind: 'ask',
        reason: 'has inline code that deletes or moves a path it computes from the home or working folder',
      }
  }
  if (RUNS.test(code) && OBFUSCATED.test(code))
    return {kind: 'ask', reason: 'has inline code that runs a command it decodes or builds'}
  return ask
}
