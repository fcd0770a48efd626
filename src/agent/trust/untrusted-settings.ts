import {readdirSync} from 'node:fs'
import {basename, join} from 'node:path'
import type {Settings} from '../settings/settings-schema.js'
import {COMMANDS_DIR} from './trust-files.js'

// What an untrusted project's settings may not do: choose where the session goes. A cloned repo's `endpoint`,
// `engine` or `model` would send the system prompt, the files and every tool result to a server of its choosing,
// and let that server drive the agent; they wait until the user trusts the project.

const ROUTING = ['endpoint', 'engine', 'model', 'smallModel'] as const

/** The project's settings without what routes the session, and what was left out, in words. */
export function withoutRouting(settings: Settings): {settings: Settings; ignored: string[]} {
  const kept: Settings = {...settings}
  const ignored: string[] = []
  for (const key of ROUTING) {
    if (kept[key] === undefined) continue
    ignored.push(`${key} ${kept[key]}`)
    delete kept[key]
  }
  return {settings: kept, ignored}
}

/** The project's custom commands (.oac/commands/*.md), which wait for trust too, in words; none when there are none. */
export function ignoredCommands(root: string): string[] {
  try {
    const names = readdirSync(join(root, COMMANDS_DIR)).filter((n) => n.endsWith('.md'))
    return names.length ? [`commands ${names.map((n) => `/${basename(n, '.md').toLowerCase()}`).join(' ')}`] : []
  } catch {
    return []
  }
}
