import type {BadInput, Sandbox} from './types.js'

// fleet plan, route, status: one model over the hosts of an Ansible inventory, the router config for it, its health.

const inventory = new URL('../../fleet/inventories/two-4090-boxes.yml', import.meta.url).pathname
const plan = (...rest: string[]) => ['fleet', 'plan', '-i', inventory, '-m', 'qwen2.5-coder-7b', ...rest]
const withInventory = (s: Sandbox, text: string) => [
  'fleet',
  'plan',
  '-i',
  s.file('hosts.yml', text),
  '-m',
  'qwen2.5-coder-7b',
]

export const fleetRows: Record<string, BadInput[]> = {
  'fleet plan': [
    {
      name: 'no --inventory or --model',
      kind: 'missing',
      argv: ['fleet', 'plan'],
      exit: 2,
      message: /Missing required flag/,
    },
    {
      name: '--inventory a file that does not exist',
      kind: 'missing',
      argv: ['fleet', 'plan', '-i', '/nonexistent.yml', '-m', 'qwen2.5-coder-7b'],
      exit: 2,
      message: /\/nonexistent\.yml: no such file/,
    },
    {
      name: '--inventory a folder',
      kind: 'wrong type',
      argv: (s) => ['fleet', 'plan', '-i', s.cwd, '-m', 'qwen2.5-coder-7b'],
      exit: 2,
      message: /is a folder, not a file/,
    },
    {
      name: '--inventory an empty file',
      kind: 'empty',
      argv: (s) => withInventory(s, ''),
      exit: 2,
      message: /hosts\.yml: the document: Invalid input: expected object/,
    },
    {
      name: '--inventory with an unclosed {',
      kind: 'malformed',
      argv: (s) => withInventory(s, 'all: {hosts: \n'),
      exit: 2,
      message: /hosts\.yml:1: invalid YAML: this \{ is never closed/,
    },
    {
      name: 'an unknown --model',
      kind: 'malformed',
      argv: ['fleet', 'plan', '-i', inventory, '-m', 'nosuch'],
      exit: 2,
      message: /unknown model "nosuch"/,
    },
    {
      name: 'an unknown --layout',
      kind: 'malformed',
      argv: plan('--layout', 'ring'),
      exit: 2,
      message: /--layout=ring to be one of: pipeline, tensor/,
    },
    {
      name: '--context below 256',
      kind: 'malformed',
      argv: plan('--context', '10'),
      exit: 2,
      message: /--context/,
    },
  ],
  'fleet route': [
    {
      name: 'no --inventory or --out',
      kind: 'missing',
      argv: ['fleet', 'route'],
      exit: 2,
      message: /Missing required flag/,
    },
    {
      name: '--inventory a file that does not exist',
      kind: 'missing',
      argv: ['fleet', 'route', '-i', '/nonexistent.yml', '-o', 'routing.yaml'],
      exit: 2,
      message: /\/nonexistent\.yml: no such file/,
    },
    {
      name: '--inventory an empty file',
      kind: 'empty',
      argv: (s) => ['fleet', 'route', '-i', s.file('hosts.yml', ''), '-o', 'routing.yaml'],
      exit: 2,
      message: /hosts\.yml: the document: Invalid input: expected object/,
    },
  ],
  'fleet status': [
    {
      name: 'no --inventory',
      kind: 'missing',
      argv: ['fleet', 'status'],
      exit: 2,
      message: /Missing required flag inventory/,
    },
    {
      name: '--inventory a file that does not exist',
      kind: 'missing',
      argv: ['fleet', 'status', '-i', '/nonexistent.yml'],
      exit: 2,
      message: /\/nonexistent\.yml: no such file/,
    },
    {
      name: '--inventory with an unclosed {',
      kind: 'malformed',
      argv: (s) => ['fleet', 'status', '-i', s.file('hosts.yml', 'all: {hosts: \n')],
      exit: 2,
      message: /hosts\.yml:1: invalid YAML: this \{ is never closed/,
    },
    {
      name: '--interval not a number',
      kind: 'wrong type',
      argv: ['fleet', 'status', '-i', inventory, '--interval', 'often'],
      exit: 2,
      message: /--interval/,
    },
  ],
}
