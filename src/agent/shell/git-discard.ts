// git subcommands that throw work or history away: uncommitted changes (checkout/restore of paths, reset --hard, clean
// -f, switch --discard-changes, checkout-index -f, read-tree -u), stashes, branches, tags and refs (stash drop/clear,
// branch -D, update-ref, tag -d, symbolic-ref -d), unreachable objects (reflog expire/delete, gc --prune, prune). The
// checkpoint brings them back, but a person decides each one: these always ask, whatever --yes or a rule says.

/** `args` are git's arguments after its global options; `isPath` says whether an operand names an existing path. */
export function gitDiscardReason(sub: string | undefined, rest: string[], isPath: (word: string) => boolean) {
  const has = (re: RegExp) => rest.some((a) => re.test(a))
  const operands = rest.filter((a) => !a.startsWith('-'))
  switch (sub) {
    case 'checkout':
      if (rest.includes('--') || has(/^(?:-\w*[fpB]\w*|--force|--patch|--ours|--theirs)$/))
        return 'discards changes in the work tree (git checkout -- / -f / -B)'
      if (operands.some((o) => o === '.' || /[*?[]|^:/.test(o) || isPath(o)))
        return 'discards uncommitted changes to paths (git checkout PATH)'
      return undefined
    case 'restore': {
      const staged = has(/^(?:-\w*S\w*|--staged)$/)
      const worktree = has(/^(?:-\w*W\w*|--worktree)$/)
      return staged && !worktree ? undefined : 'discards uncommitted changes (git restore)'
    }
    case 'reset':
      return has(/^--(?:hard|merge)$/) ? 'discards uncommitted work (git reset --hard)' : undefined
    case 'clean':
      return has(/^-\w*f|^--force$/) ? 'deletes untracked files (git clean -f)' : undefined
    case 'switch':
      return has(/^(?:--discard-changes|-f|--force|-\w*C\w*|--force-create)$/)
        ? 'discards changes or resets a branch (git switch -f / -C)'
        : undefined
    case 'stash':
      return operands[0] === 'drop' || operands[0] === 'clear'
        ? 'deletes stashed work (git stash drop/clear)'
        : undefined
    case 'branch':
      return has(/^(?:-\w*[DMf]\w*|--force)$/) || (has(/^(?:-d|--delete)$/) && has(/^--force$/))
        ? 'deletes or moves a branch by force (git branch -D/-f)'
        : undefined
    case 'tag':
      return has(/^(?:-\w*d\w*|--delete)$/) ? 'deletes a tag (git tag -d)' : undefined
    case 'update-ref':
      return 'moves or deletes a ref directly (git update-ref)'
    case 'reflog':
      return operands[0] === 'expire' || operands[0] === 'delete'
        ? 'drops reflog entries (history /undo relies on)'
        : undefined
    case 'gc':
      return has(/^--prune/) ? 'prunes unreachable objects (git gc --prune)' : undefined
    case 'prune':
      return 'prunes unreachable objects (git prune)'
    case 'worktree':
      return operands[0] === 'remove' && has(/^(?:-f|--force)$/) ? 'removes a worktree with its changes' : undefined
    case 'rm':
      return has(/^(?:-\w*f\w*|--force)$/) ? 'deletes files with uncommitted changes (git rm -f)' : undefined
    case 'checkout-index':
      return has(/^(?:-\w*f\w*|--force)$/)
        ? 'overwrites work tree files from the index (git checkout-index -f)'
        : undefined
    case 'read-tree':
      return has(/^-\w*u\w*$/) && has(/^(?:--reset|-\w*m\w*)$/)
        ? 'overwrites the work tree with a tree (git read-tree -u --reset / -m)'
        : undefined
    case 'symbolic-ref':
      return has(/^(?:-\w*d\w*|--delete)$/) ? 'deletes a symbolic ref such as HEAD (git symbolic-ref -d)' : undefined
    case 'filter-branch':
    case 'filter-repo':
      return 'rewrites repository history'
    default:
      return undefined
  }
}
