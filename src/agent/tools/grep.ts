import {readFile, realpath, stat} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {secretFileReason} from '../../util/secret-files.js'
import {allowsCall} from '../permissions/match-rule.js'
import {globToRegExp} from './glob-pattern.js'
import {listFiles} from './list-files.js'
import {displayPath, projectPath} from './project-path.js'
import {ripgrep, ripgrepUsable} from './ripgrep.js'
import {defineTool, ToolError} from './tool.js'
import {firstLines} from './truncate.js'

// Search file contents with a JavaScript regular expression: ripgrep when it is installed with PCRE2 (fast), else
// the same search in JS. Both give the same lines in the same order (ripgrep.ts says how). Secret files (.env*, keys,
// credential stores: util/secret-files.ts) are never searched, whatever the glob, unless an allow rule in the user's
// own settings covers the file; the answer says which were left out. Neither engine follows a symlink out of the
// searched folder: ripgrep does not follow links, and the JS search reads a file only where it really lies inside it
// (a tracked aws.txt -> ~/.aws/credentials, or a file under a folder replaced by a link to ~/.config/gh).

const MAX_MATCHES = 200
const MAX_COLUMNS = 300
const MAX_FILE_BYTES = 2_000_000

interface GrepArgs {
  pattern: string
  path?: string
  glob?: string
  ignore_case?: boolean
}

const clip = (line: string) => (line.length > MAX_COLUMNS ? `${line.slice(0, MAX_COLUMNS)} [… line cut]` : line)

/** The pattern as the JavaScript RegExp both engines search for; a bad one is the model's to fix. */
function jsRegExp(args: GrepArgs): RegExp {
  try {
    return new RegExp(args.pattern, args.ignore_case ? 'i' : '')
  } catch (error) {
    throw new ToolError(`Invalid regular expression: ${(error as Error).message}`)
  }
}

/** Whether a file (relative to the searched folder) must be left out of the answer; it notes each one it is asked. */
type Hidden = (file: string) => boolean

async function withRipgrep(args: GrepArgs, dir: string, signal: AbortSignal, hidden: Hidden): Promise<string[]> {
  const o = {pattern: args.pattern, glob: args.glob, ignoreCase: args.ignore_case, maxFileBytes: MAX_FILE_BYTES}
  const hits = await ripgrep(o, dir, signal)
  if ('error' in hits) throw new ToolError(`grep failed: ${hits.error}`)
  return hits.filter((h) => !hidden(h.file)).map((h) => clip(`${h.file}:${h.line}:${h.text}`))
}

async function jsGrep(args: GrepArgs, re: RegExp, dir: string, hidden: Hidden): Promise<string[]> {
  const only = args.glob ? globToRegExp(args.glob) : undefined
  const out: string[] = []
  const realDir = await realpath(dir)
  for (const file of await listFiles(dir)) {
    if (only && !only.test(file)) continue
    const full = await realpath(join(dir, file)).catch(() => '')
    if (!full.startsWith(realDir + sep)) continue
    const info = await stat(full).catch(() => undefined)
    if (!info?.isFile() || info.size > MAX_FILE_BYTES) continue
    const buffer = await readFile(full)
    if (buffer.subarray(0, 8000).includes(0)) continue
    buffer
      .toString('utf8')
      .split('\n')
      .forEach((line, i) => {
        if (re.test(line) && !hidden(file)) out.push(clip(`${file}:${i + 1}:${line}`))
      })
    if (out.length > MAX_MATCHES * 5) break
  }
  return out
}

export const grepTool = defineTool<GrepArgs>({
  name: 'grep',
  description: 'Search file contents with a regular expression; prints file:line:text. glob filters files (*.ts).',
  parameters: {
    type: 'object',
    properties: {
      pattern: {type: 'string'},
      path: {type: 'string', description: 'directory (default: project root)'},
      glob: {type: 'string'},
      ignore_case: {type: 'boolean'},
    },
    required: ['pattern'],
    additionalProperties: false,
  },
  async run(args, {root, signal, permissions}) {
    const dir = projectPath(root, args.path ?? '.')
    if (!(await stat(dir).catch(() => undefined))?.isDirectory())
      throw new ToolError(`\`${args.path}\` is not a directory; give a directory as path and a glob for files.`)
    const re = jsRegExp(args)
    const folder = relative(root, dir)
    const skipped = new Set<string>()
    const hidden = (file: string) => {
      const path = folder ? `${folder}/${file}` : file
      if (!secretFileReason(path)) return false
      if (allowsCall(permissions?.allow ?? [], {tool: 'grep', root, path: join(root, path)})) return false
      skipped.add(path)
      return true
    }
    const found = (await ripgrepUsable())
      ? await withRipgrep(args, dir, signal, hidden)
      : await jsGrep(args, re, dir, hidden)
    const note = skipped.size
      ? `\n(${[...skipped].sort().join(', ')} not searched: secret files are read only with the user's permission)`
      : ''
    if (!found.length) return `No matches for /${args.pattern}/ in ${displayPath(root, dir) || '.'}.${note}`
    // Paths from the project root, as every other tool takes them: a small model reads what grep printed.
    const lines = folder ? found.map((l) => `${folder}/${l}`) : found
    return firstLines(lines, MAX_MATCHES, 'matching lines', 'narrow the pattern, path or glob') + note
  },
})
