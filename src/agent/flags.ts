import {Flags} from '@oclif/core'

/** The flags of `oac agent` (defaults that settings files may change are applied in settings/agent-defaults.ts). */
export const agentFlags = {
  rewind: Flags.boolean({
    default: false,
    description: "put the project's files back as they were before the session's first task (bash changes too)",
  }),
  print: Flags.string({
    char: 'p',
    description: 'the task; runs headless and prints the answer (without it: interactive)',
  }),
  endpoint: Flags.string({description: 'OpenAI base URL (with or without /v1)'}),
  engine: Flags.string({description: 'a registered endpoint (name or id) instead of --endpoint'}),
  model: Flags.string({description: 'model id as the server serves it'}),
  'output-format': Flags.string({options: ['text', 'json', 'stream-json'], default: 'text'}),
  'max-turns': Flags.integer({min: 1, description: 'model requests before giving up [default: 50]'}),
  'max-tokens': Flags.integer({min: 1, description: 'token budget of the run (prompt + completion, all requests)'}),
  yes: Flags.boolean({char: 'y', default: false, description: 'allow file changes and commands without asking'}),
  continue: Flags.boolean({char: 'c', default: false, description: 'continue the newest session in this project'}),
  resume: Flags.string({description: 'continue the session with this id', exclusive: ['continue']}),
  sandbox: Flags.string({
    options: ['read-only', 'workspace-write', 'full-access'],
    description:
      'where shell commands run: read-only, workspace-write (the project and temp dirs writable, no network; default), full-access (no sandbox)',
  }),
  'approve-mcp': Flags.boolean({
    default: false,
    description: "start the project's MCP servers for this run without a stored approval (oac agent mcp approve)",
  }),
  'permission-mode': Flags.string({
    options: ['default', 'plan'],
    description: 'plan: only reading tools; the answer is a plan and nothing is changed',
  }),
  'print-prompt-stats': Flags.boolean({
    default: false,
    description: 'print the fixed prompt size in tokens and exit',
  }),
}
