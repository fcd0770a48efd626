import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import type {BadInput} from './types.js'

// detect, plan, profiles, setup, quickstart: what describes the machine and what runs on it.

// A captured CPU-only Linux box, so setup plans the same here as on any machine.
const cpuBox = new URL('../../../fixtures/hardware/cpu-linux', import.meta.url).pathname
const setup = (...rest: string[]) => ['setup', '--profile', 'cpu', '--hardware', cpuBox, ...rest]
const capture = (s: {file(name: string, text: string): string}, text: string) => s.file('capture.json', text)
const brokenProfile = (text: string) => (s: {configDir: string}) => {
  mkdirSync(join(s.configDir, 'profiles'), {recursive: true})
  writeFileSync(join(s.configDir, 'profiles', 'mine.yaml'), text)
}

export const machineRows: Record<string, BadInput[]> = {
  detect: [
    {
      name: '--hardware path that does not exist',
      kind: 'missing',
      argv: ['detect', '--hardware', '/nonexistent'],
      exit: 2,
      message: /\/nonexistent does not exist/,
    },
    {
      name: '--hardware an empty file',
      kind: 'empty',
      argv: (s) => ['detect', '--hardware', capture(s, '')],
      exit: 2,
      message: /capture\.json is not/,
    },
    {
      name: '--hardware a file that is not JSON',
      kind: 'malformed',
      argv: (s) => ['detect', '--hardware', capture(s, '{"cpu": ')],
      exit: 2,
      message: /capture\.json is not/,
    },
    {
      name: '--hardware JSON of another shape',
      kind: 'wrong type',
      argv: (s) => ['detect', '--hardware', capture(s, '{"a": 1}')],
      exit: 2,
      message: /capture\.json is not/,
    },
    {
      name: '--hardware an empty folder',
      kind: 'empty',
      argv: (s) => ['detect', '--hardware', s.cwd],
      exit: 2,
      message: /system\.json/,
    },
    {
      name: '--hardware a JSON array',
      kind: 'wrong type',
      argv: (s) => ['detect', '--hardware', capture(s, '[1, 2]')],
      exit: 2,
      message: /capture\.json is not/,
    },
    {
      name: 'an unknown flag',
      kind: 'malformed',
      argv: ['detect', '--gpu'],
      exit: 2,
      message: /Nonexistent flag: --gpu/,
    },
  ],
  plan: [
    {
      name: 'an unknown --profile',
      kind: 'missing',
      argv: ['plan', '--profile', 'nope'],
      exit: 2,
      message: /Unknown profile "nope"/,
    },
    {name: 'an empty --profile', kind: 'empty', argv: ['plan', '--profile', ''], exit: 2, message: /profile/i},
    {
      name: '--context not a number',
      kind: 'wrong type',
      argv: ['plan', '--profile', 'cpu', '--context', 'big'],
      exit: 2,
      message: /--context/,
    },
    {
      name: '--context below one token',
      kind: 'malformed',
      argv: ['plan', '--profile', 'cpu', '--context', '0'],
      exit: 2,
      message: /--context/,
    },
    {
      name: '--hardware path that does not exist',
      kind: 'missing',
      argv: ['plan', '--hardware', '/nonexistent'],
      exit: 2,
      message: /\/nonexistent does not exist/,
    },
    {
      name: '--hardware /etc/passwd',
      kind: 'wrong type',
      argv: ['plan', '--hardware', '/etc/passwd'],
      exit: 2,
      message: /\/etc\/passwd is not/,
    },
    {
      name: "a user profile with an unclosed '['",
      kind: 'malformed',
      setup: brokenProfile('id: mine\nengine: llamacpp\nmodels: [\n  a,\n  b\n'),
      argv: ['plan', '--profile', 'mine'],
      exit: 2,
      message: /mine\.yaml:3\b/,
    },
    {
      name: 'a user profile with an unterminated quote',
      kind: 'malformed',
      setup: brokenProfile('id: mine\ndescription: "the fast box\nengine: llamacpp\n'),
      argv: ['plan', '--profile', 'mine'],
      exit: 2,
      message: /mine\.yaml:2\b/,
    },
    {
      name: 'a user profile with a field of the wrong type',
      kind: 'wrong type',
      setup: brokenProfile('id: mine\nengine: 5\n'),
      argv: ['plan', '--profile', 'mine'],
      exit: 2,
      message: /mine\.yaml/,
    },
    {
      name: 'an empty user profile',
      kind: 'empty',
      setup: brokenProfile(''),
      argv: ['plan', '--profile', 'mine'],
      exit: 2,
      message: /mine\.yaml/,
    },
  ],
  profiles: [
    {
      name: 'an unknown flag',
      kind: 'malformed',
      argv: ['profiles', '--all'],
      exit: 2,
      message: /Nonexistent flag: --all/,
    },
    {
      name: 'an unexpected argument',
      kind: 'malformed',
      argv: ['profiles', 'cpu'],
      exit: 2,
      message: /Unexpected argument: cpu/,
    },
  ],
  setup: [
    {
      name: 'no --profile',
      kind: 'missing',
      argv: ['setup', '--dry-run'],
      exit: 2,
      message: /Missing required flag profile/,
    },
    {
      name: 'an unknown --profile',
      kind: 'missing',
      argv: ['setup', '--profile', 'nope', '--dry-run'],
      exit: 2,
      message: /Unknown profile "nope"/,
    },
    {name: 'an unknown --only', kind: 'malformed', argv: setup('--only', 'drivers'), exit: 2, message: /--only/},
    {
      name: '--hardware that does not exist',
      kind: 'missing',
      argv: ['setup', '--profile', 'cpu', '--hardware', '/nonexistent', '--dry-run'],
      exit: 2,
      message: /\/nonexistent does not exist/,
    },
    {
      name: '--base-port not a number',
      kind: 'wrong type',
      argv: setup('--base-port', 'high', '--dry-run'),
      exit: 2,
      message: /--base-port/,
    },
    {
      name: '--health-timeout negative',
      kind: 'malformed',
      argv: setup('--health-timeout', '-1', '--dry-run'),
      exit: 2,
      message: /--health-timeout/,
    },
    {
      name: '--engine-version not a version',
      kind: 'malformed',
      argv: setup('--engine-version', 'latest!', '--dry-run'),
      exit: 2,
      message: /--engine-version/,
    },
    {
      name: '--emit-ansible into a folder that cannot exist',
      kind: 'unreachable',
      argv: setup('--emit-ansible', '/proc/nope/ansible'),
      exit: 2,
      message: /\/proc\/nope\/ansible/,
    },
    {
      name: '--adapter that does not exist',
      kind: 'missing',
      argv: setup('--adapter', 'no/such/adapter', '--dry-run'),
      exit: 2,
      message: /--adapter: \S*no\/such\/adapter does not exist/,
    },
    {
      name: '--adapter a PEFT directory where llama.cpp needs a GGUF file',
      kind: 'wrong type',
      argv: (s) => setup('--adapter', dirname(s.file('adapter/adapter_config.json', '{"r": 8}')), '--dry-run'),
      exit: 2,
      message: /llama-server --lora takes a GGUF adapter file.*convert_lora_to_gguf\.py/,
    },
    {
      name: '--adapter-role not a chat role',
      kind: 'malformed',
      argv: setup('--adapter', 'x', '--adapter-role', 'embedding', '--dry-run'),
      exit: 2,
      message: /--adapter-role/,
    },
    {
      name: '--adapter-name without --adapter',
      kind: 'missing',
      argv: setup('--adapter-name', 'mycode', '--dry-run'),
      exit: 2,
      message: /--adapter/,
    },
  ],
  quickstart: [
    {
      name: '--endpoint without --model',
      kind: 'missing',
      argv: (s) => ['quickstart', '--endpoint', s.simUrl],
      exit: 2,
      message: /--endpoint needs --model/,
    },
    {
      name: '--endpoint that is not a URL',
      kind: 'malformed',
      argv: ['quickstart', '--endpoint', 'notaurl', '--model', 'm'],
      exit: 2,
      message: /--endpoint to be an http\(s\) URL/,
    },
    {
      name: '--endpoint with another scheme',
      kind: 'malformed',
      argv: ['quickstart', '--endpoint', 'ftp://127.0.0.1/v1', '--model', 'm'],
      exit: 2,
      message: /--endpoint to be an http\(s\) URL/,
    },
    {
      name: '--model a file that does not exist',
      kind: 'missing',
      argv: ['quickstart', '--model', '/nonexistent.gguf'],
      exit: 2,
      message: /no model file \/nonexistent\.gguf/,
    },
    {
      name: '--model a file that is not GGUF',
      kind: 'wrong type',
      argv: (s) => ['quickstart', '--model', s.file('model.gguf', 'not a model at all')],
      exit: 2,
      message: /is not a GGUF file/,
    },
    {
      name: '--model an empty file',
      kind: 'empty',
      argv: (s) => ['quickstart', '--model', s.file('empty.gguf', '')],
      exit: 2,
      message: /is not a GGUF file/,
    },
    {
      name: '--model a folder',
      kind: 'wrong type',
      argv: (s) => ['quickstart', '--model', s.cwd],
      exit: 2,
      message: /no model file/,
    },
  ],
}
