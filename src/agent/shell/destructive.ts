import {gitDiscardReason} from './git-discard.js'
import {allCommands, parseShell, type SimpleCommand} from './parse-shell.js'

// The second line of defence behind the sandbox: commands that destroy what cannot be restored or rewrite shared
// history, found on the parsed command rather than by regexes on its text. `echo rm -rf /` prints a line and
// passes; `bash -c 'rm -rf /'`, `find / -delete`, `curl … | sh` and `git push origin :main` are caught. Such a
// command always needs a person's yes, whatever --yes or a rule says.

const FORK_BOMB = /:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/
export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'ash', 'busybox'])
export const INTERPRETER = /^(?:python[\d.]*|pypy[\d.]*|perl|ruby|node|nodejs|php|deno|bun|lua|Rscript)$/
/** Programs that run the rest of their arguments as a command. */
export const WRAPPERS: Record<string, (args: string[]) => string[]> = {
  sudo: (a) => skipOptions(a, ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  doas: (a) => skipOptions(a, ['-u', '-C']),
  env: (a) => {
    const rest = skipOptions(a, ['-u', '-C', '-S'])
    const program = rest.findIndex((w) => !w.includes('='))
    return program === -1 ? [] : rest.slice(program)
  },
  nohup: (a) => a,
  nice: (a) => skipOptions(a, ['-n']),
  ionice: (a) => skipOptions(a, ['-c', '-n', '-p']),
  timeout: (a) => skipOptions(a, ['-s', '-k', '--signal', '--kill-after']).slice(1),
  time: (a) => skipOptions(a, ['-f', '-o']),
  command: (a) => skipOptions(a, []),
  exec: (a) => skipOptions(a, ['-a']),
  stdbuf: (a) => skipOptions(a, ['-i', '-o', '-e']),
  xargs: (a) => skipOptions(a, ['-I', '-L', '-n', '-P', '-d', '-E', '-s', '-a']),
  watch: (a) => skipOptions(a, ['-n', '-d']),
}
/** Paths whose loss is the loss of the machine or of a home: the root, system dirs, home dirs. */
const VITAL =
  /^(?:\/+\*?|~\/*\*?|~[\w-]+\/*|\$HOME\/*\*?|\/(?:home|Users|root|etc|usr|bin|sbin|lib\w*|var|boot|opt|srv|System|Library|Applications)\/*\*?)$/
/** git -c settings that run a program. */
const GIT_COMMAND_CONFIG =
  /^(?:core\.(?:pager|editor|sshcommand|hookspath|fsmonitor|askpass)|sequence\.editor|diff\.external|gpg\.program|credential\.helper|alias\.|filter\.|diff\.\w+\.textconv|uploadpack\.packobjectshook)/i

function skipOptions(args: string[], withValue: string[]): string[] {
  let i = 0
  while (i < args.length && args[i]!.startsWith('-') && args[i] !== '--') i += withValue.includes(args[i]!) ? 2 : 1
  return args[i] === '--' ? args.slice(i + 1) : args.slice(i)
}

export const base = (program: string) => program.split('/').pop() ?? program

/** Why a shell command is destructive, or undefined when it is not. */
export function destructiveReason(command: string, depth = 0): string | undefined {
  if (FORK_BOMB.test(command)) return 'is a fork bomb'
  if (depth > 6) return undefined
  // `cd / && rm -rf *`: after a cd into a vital place, `*` and `.` name it.
  let inVital = false
  for (const c of allCommands(parseShell(command))) {
    if (c.argv[0] === 'cd') inVital = c.argv.length === 1 || VITAL.test(c.argv[1] ?? '')
    const vitalRm = inVital && c.argv[0] === 'rm'
    const reason =
      commandReason(c, depth) ??
      (vitalRm ? rmReason(c.argv.slice(1).map((a) => (/^\.\/?\*?$|^\*$/.test(a) ? '/' : a))) : undefined)
    if (reason) return reason
  }
  return undefined
}

function commandReason(c: SimpleCommand, depth: number): string | undefined {
  if (c.redirects.some((r) => /^\/dev\/(?:sd|nvme|hd|disk|mmcblk|vd|xvd)/.test(r.target)))
    return 'writes to a raw device'
  let argv = c.argv
  while (argv.length && WRAPPERS[base(argv[0]!)]) argv = WRAPPERS[base(argv[0]!)]!(argv.slice(1))
  const [program = '', ...args] = argv
  const name = base(program)
  if (SHELLS.has(name)) return shellReason(args, c.piped, depth)
  if (name === 'eval' || name === 'source' || name === '.') return destructiveReason(args.join(' '), depth + 1)
  if (INTERPRETER.test(name)) return interpreterReason(args, c.piped, depth)
  if (name === 'rm') return rmReason(args)
  if (name === 'find') return findReason(args, depth)
  if (name === 'git') return gitReason(args)
  if (/^mkfs(?:\.\w+)?$/.test(name) || name === 'wipefs') return 'formats a filesystem'
  if (name === 'dd' && args.some((a) => /^of=\/dev\//.test(a))) return 'writes to a raw device'
  if (['shutdown', 'reboot', 'halt', 'poweroff'].includes(name)) return 'shuts the machine down'
  if (
    (name === 'chmod' || name === 'chown') &&
    args.some((a) => /^-\w*R|^--recursive$/.test(a)) &&
    args.some((a) => VITAL.test(a))
  )
    return 'changes permissions of the whole filesystem or a home'
  return undefined
}

function shellReason(args: string[], piped: boolean, depth: number): string | undefined {
  const inline = args.findIndex((a) => /^-\w*c\w*$/.test(a))
  if (inline !== -1) return destructiveReason(args[inline + 1] ?? '', depth + 1)
  const script = args.find((a) => !a.startsWith('-'))
  if (piped && (script === undefined || args.includes('-s'))) return 'runs text from a pipe as a shell script'
  return undefined
}

function interpreterReason(args: string[], piped: boolean, depth: number): string | undefined {
  const inline = args.findIndex((a) => /^-\w*[ceE]$/.test(a))
  if (inline !== -1) {
    const code = args[inline + 1] ?? ''
    if (/\b(?:rmtree|rmSync|rm_rf|rm_r|rimraf|removedirs|remove_tree|rmdirSync)\b/.test(code))
      return 'deletes directory trees from inline code'
    for (const literal of code.match(/'[^']*'|"[^"]*"|`[^`]*`/g) ?? [])
      if (destructiveReason(literal.slice(1, -1), depth + 1)) return 'runs a destructive command from inline code'
    return undefined
  }
  const script = args.find((a) => !a.startsWith('-'))
  if (piped && (script === undefined || script === '-')) return 'runs text from a pipe as a program'
  return undefined
}

function rmReason(args: string[]): string | undefined {
  const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive')
  if (args.includes('--no-preserve-root')) return 'deletes the filesystem root'
  const targets = args.filter((a) => !a.startsWith('-'))
  if (recursive && targets.some((t) => VITAL.test(t) || /^\$\{?HOME\}?\/*\*?$/.test(t)))
    return 'deletes the filesystem root, a system directory or a home directory'
  return undefined
}

function findReason(args: string[], depth: number): string | undefined {
  const firstOption = args.findIndex((a) => a.startsWith('-'))
  const starts = firstOption === -1 ? args : args.slice(0, firstOption)
  const wide = starts.some((s) => VITAL.test(s) || /^\$\{?HOME\}?/.test(s) || s.startsWith('/') || s.startsWith('..'))
  const exec = args.findIndex((a) => a === '-exec' || a === '-execdir' || a === '-ok')
  if (exec !== -1) {
    const end = args.findIndex((a, i) => i > exec && (a === ';' || a === '+'))
    const inner = args.slice(exec + 1, end === -1 ? undefined : end).join(' ')
    if (destructiveReason(inner, depth + 1)) return 'runs a destructive command on every file found'
    if (wide && /^(?:rm|shred|unlink)\b/.test(inner)) return 'deletes files found outside the project'
  }
  if (wide && args.includes('-delete')) return 'deletes files found outside the project'
  return undefined
}

export function gitReason(args: string[], isPath: (word: string) => boolean = () => false): string | undefined {
  let i = 0
  while (i < args.length && args[i]!.startsWith('-')) {
    const option = args[i]!
    if (option === '-c' && GIT_COMMAND_CONFIG.test(args[i + 1] ?? ''))
      return 'makes git run a command through a config override'
    i += ['-c', '-C', '--git-dir', '--work-tree', '--namespace', '--exec-path'].includes(option) ? 2 : 1
  }
  const sub = args[i]
  const rest = args.slice(i + 1)
  if (sub === 'push') {
    if (
      rest.some((a) =>
        /^(?:--force(?:-with-lease|-if-includes)?(?:=.*)?|--mirror|--delete|--prune|-\w*[fd]\w*)$/.test(a),
      )
    )
      return 'force-pushes, mirrors or deletes remote branches (rewrites published history)'
    if (
      rest
        .filter((a) => !a.startsWith('-'))
        .slice(1)
        .some((ref) => ref.startsWith('+') || ref.startsWith(':'))
    )
      return 'force-pushes or deletes a remote branch through its refspec'
  }
  return gitDiscardReason(sub, rest, isPath)
}
