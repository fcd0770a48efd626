import {execFileSync} from 'node:child_process'
import type {BadInput, Sandbox} from './types.js'

// agent (headless), agent mcp, agent sessions, agent trust: the coding agent inside a project.

/** Makes the sandbox's folder a git repository, so the agent and the index accept it as a project. */
const repo = (s: Sandbox) => {
  s.file('src/a.ts', 'export const a = 1\n')
  execFileSync('git', ['init', '-q'], {cwd: s.cwd})
}
const agent = (s: Sandbox, ...rest: string[]) => ['agent', '--endpoint', s.simUrl, '--model', 'm', ...rest]

export const agentRows: Record<string, BadInput[]> = {
  agent: [
    {
      name: '-p without --endpoint or --engine',
      kind: 'missing',
      setup: repo,
      argv: ['agent', '-p', 'fix it'],
      exit: 2,
      message: /--endpoint|--engine/,
    },
    {
      name: '--endpoint not a URL',
      kind: 'malformed',
      setup: repo,
      argv: ['agent', '--endpoint', 'notaurl', '--model', 'm', '-p', 'fix it'],
      exit: 2,
      message: /--endpoint to be an http\(s\) URL/,
    },
    {
      name: '--engine that is not registered',
      kind: 'missing',
      setup: repo,
      argv: ['agent', '--engine', 'nosuch', '-p', 'fix it'],
      exit: 2,
      message: /No registered endpoint "nosuch"/,
    },
    {
      name: '-p with an empty task',
      kind: 'empty',
      setup: repo,
      argv: (s) => agent(s, '-p', ''),
      exit: 2,
      message: /-p needs a task/,
    },
    {
      name: '--resume a session that does not exist',
      kind: 'missing',
      setup: repo,
      argv: (s) => agent(s, '--resume', 'nosuch', '-p', 'go on'),
      exit: 2,
      message: /nosuch/,
    },
    {
      name: 'an unknown --output-format',
      kind: 'malformed',
      setup: repo,
      argv: (s) => agent(s, '--output-format', 'yaml', '-p', 'x'),
      exit: 2,
      message: /--output-format/,
    },
    {
      name: '--max-turns 0',
      kind: 'malformed',
      setup: repo,
      argv: (s) => agent(s, '--max-turns', '0', '-p', 'x'),
      exit: 2,
      message: /--max-turns/,
    },
    {
      name: 'an unknown --sandbox',
      kind: 'malformed',
      setup: repo,
      argv: (s) => agent(s, '--sandbox', 'none', '-p', 'x'),
      exit: 2,
      message: /--sandbox/,
    },
    {
      name: 'an unknown --permission-mode',
      kind: 'malformed',
      setup: repo,
      argv: (s) => agent(s, '--permission-mode', 'yolo', '-p', 'x'),
      exit: 2,
      message: /--permission-mode/,
    },
    {
      name: '--rewind with no session here',
      kind: 'missing',
      setup: repo,
      argv: ['agent', '--rewind'],
      exit: 2,
      message: /session/i,
    },
    {
      name: 'the project settings are not JSON',
      kind: 'malformed',
      setup: (s) => {
        repo(s)
        s.file('.oac/settings.json', '{"permissions": {\n  "allow": [\n')
      },
      argv: (s) => agent(s, '-p', 'x'),
      exit: 2,
      message: /settings\.json/,
    },
    {
      name: 'the project settings have a field of the wrong type',
      kind: 'wrong type',
      setup: (s) => {
        repo(s)
        s.file('.oac/settings.json', '{"permissions": {"allow": "all"}}')
      },
      argv: (s) => agent(s, '-p', 'x'),
      exit: 2,
      message: /settings\.json/,
    },
    {
      name: 'run from the home folder',
      kind: 'wrong type',
      argv: (s) => [...agent(s, '-p', 'x')],
      setup: (s) => {
        s.cwd = s.home
      },
      exit: 2,
      message: /home/i,
    },
  ],
  'agent mcp approve': [
    {
      name: 'a server that is not configured',
      kind: 'missing',
      setup: repo,
      argv: ['agent', 'mcp', 'approve', 'nosuch'],
      exit: 2,
      message: /nosuch/,
    },
  ],
  'agent mcp reset': [
    {
      name: 'an unexpected argument',
      kind: 'malformed',
      setup: repo,
      argv: ['agent', 'mcp', 'reset', 'nosuch'],
      exit: 2,
      message: /Unexpected argument: nosuch/,
    },
  ],
  'agent mcp list': [
    {
      name: 'a .mcp.json that is not JSON',
      kind: 'malformed',
      setup: (s) => {
        repo(s)
        s.file('.mcp.json', '{"mcpServers": {')
      },
      argv: ['agent', 'mcp', 'list'],
      exit: 2,
      message: /\.mcp\.json/,
    },
  ],
  'agent sessions delete': [
    {
      name: 'a session that does not exist',
      kind: 'missing',
      setup: repo,
      argv: ['agent', 'sessions', 'delete', 'nosuch'],
      exit: 2,
      message: /nosuch/,
    },
    {
      name: 'no session id',
      kind: 'missing',
      setup: repo,
      argv: ['agent', 'sessions', 'delete'],
      exit: 2,
      message: /id/,
    },
  ],
  'agent sessions list': [
    {
      name: '--limit 0',
      kind: 'malformed',
      setup: repo,
      argv: ['agent', 'sessions', 'list', '--limit', '0'],
      exit: 2,
      message: /--limit/,
    },
    {
      name: '--limit not a number',
      kind: 'wrong type',
      setup: repo,
      argv: ['agent', 'sessions', 'list', '--limit', 'all'],
      exit: 2,
      message: /--limit/,
    },
  ],
  'agent trust': [
    {
      name: 'an unexpected argument',
      kind: 'malformed',
      setup: repo,
      argv: ['agent', 'trust', 'everything'],
      exit: 2,
      message: /Unexpected argument: everything/,
    },
  ],
  'agent sessions prune': [
    {
      name: '--older-than not a duration',
      kind: 'malformed',
      setup: repo,
      argv: ['agent', 'sessions', 'prune', '--older-than', 'ages'],
      exit: 2,
      message: /--older-than/,
    },
    {
      name: '--older-than negative',
      kind: 'malformed',
      setup: repo,
      argv: ['agent', 'sessions', 'prune', '--older-than', '-3d'],
      exit: 2,
      message: /--older-than/,
    },
  ],
}
