import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {Script, ScriptRule, ScriptToolCall} from '../../engines/sim/script.js'
import type {SweInstance} from './dataset.js'
import {git} from './git.js'
import {applyPatch, patchedFiles} from './model-patch.js'
import {checkout} from './workspace.js'

// `oac sim` scripts that play an agent for the SWE suite: the gold patch as the built-in agent's edit and write
// calls (to prove that every task resolves through the whole loop, and to benchmark the harness), or any other
// set of calls (an agent that edits the tests, breaks a passing test, or changes nothing).

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The smallest `edit` turning `before` into `after`: changed lines plus enough context to be unique. */
export function editCall(path: string, before: string, after: string): ScriptToolCall {
  const a = before.split('\n')
  const b = after.split('\n')
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  for (let context = 0; context <= a.length; context++) {
    const from = Math.max(0, start - context)
    const to = Math.min(a.length, a.length - end + context)
    const oldString = a.slice(from, to).join('\n')
    if (!oldString.trim() || before.indexOf(oldString) !== before.lastIndexOf(oldString)) continue
    const newString = b.slice(from, b.length - (a.length - to)).join('\n')
    return {name: 'edit', arguments: {path, old_string: oldString, new_string: newString}}
  }
  return {name: 'write', arguments: {path, content: after}}
}

/** The edit/write calls that apply `patch` to base_commit, computed on a scratch checkout. */
export async function patchCalls(
  instance: SweInstance,
  patch: string,
  source: string,
  workRoot: string,
): Promise<ScriptToolCall[]> {
  const ws = await checkout(source, instance.base_commit, workRoot)
  try {
    const files = patchedFiles(patch)
    const before = new Map<string, string | undefined>()
    for (const f of files) before.set(f, await readFile(join(ws.dir, f), 'utf8').catch(() => undefined))
    await applyPatch(ws.dir, patch)
    const calls: ScriptToolCall[] = []
    for (const f of files) {
      const after = await readFile(join(ws.dir, f), 'utf8').catch(() => undefined)
      const old = before.get(f)
      if (after === undefined) calls.push({name: 'bash', arguments: {command: `rm -f ${JSON.stringify(f)}`}})
      else if (old === undefined) calls.push({name: 'write', arguments: {path: f, content: after}})
      else if (old !== after) calls.push(editCall(f, old, after))
    }
    return calls
  } finally {
    await ws.dispose()
    await git(source, ['worktree', 'prune']).catch(() => undefined)
  }
}

/** The rule answering the task of `instance` (matched on the start of its problem statement) with `calls`. */
export function taskRule(instance: SweInstance, calls: ScriptToolCall[]): ScriptRule {
  const lead = instance.problem_statement.trim().split('\n')[0] ?? ''
  return {
    match: {lastUser: `^${escapeRegExp(lead)}`},
    reply: calls.length ? {content: 'I will make the change.', toolCalls: calls} : {content: 'Nothing to change.'},
  }
}

/** After the tool results come back, every scripted agent says it is done. */
export const DONE_RULE: ScriptRule = {match: {toolResult: '.'}, reply: {content: 'Done: the change is made.'}}

/**
 * A script for many tasks at once (they may run in parallel against one sim). The done rule comes first: the
 * task's rule matches the task message, which stays the last user message for the whole conversation.
 */
export function agentScript(rules: ScriptRule[]): Script {
  return {mode: 'match', rules: [DONE_RULE, ...rules]}
}
