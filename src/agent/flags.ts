import {Flags} from '@oclif/core'
import {prose} from '../cli/prose.js'

/** The flags of `oac agent` (defaults that settings files may change are applied in settings/agent-defaults.ts). */
export const agentFlags = {
  rewind: Flags.boolean({
    default: false,
    description:
      "put back what the agent changed in the session's tasks as it was before; files changed again since are kept unless you confirm",
  }),
  'rewind-all': Flags.boolean({
    default: false,
    description: 'rewind, putting back too the files changed again after the agent changed them (no question)',
  }),
  'undo-rewind': Flags.boolean({
    default: false,
    description: "put back the files the session's last --rewind restored, as they were before it",
    exclusive: ['rewind', 'rewind-all'],
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
  resume: Flags.boolean({
    default: false,
    description:
      'continue a session: the one whose id follows, else pick one (in a terminal) or take the newest here (-p, a pipe)',
    exclusive: ['continue'],
  }),
  sandbox: Flags.string({
    options: ['read-only', 'workspace-write', 'full-access'],
    description:
      'where shell commands run: read-only, workspace-write (the project and temp dirs writable, no network; default), full-access (no sandbox)',
  }),
  'trust-project': Flags.boolean({
    default: false,
    description:
      "use the project's own settings (endpoint, model, loosened safety), MCP servers and commands for this run without storing trust (oac agent trust)",
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

/** The help text of `oac agent`: what it does and the exit codes it ends with. */
export const AGENT_DESCRIPTION =
  prose(`Works in the git root of the current directory with the tools read, write, edit, multi_edit, bash, grep,
glob, ls and todo, plus the tools of MCP servers (settings, .mcp.json, .oac/mcp.json); a project's servers start only once you approved
them (oac agent mcp approve; a changed entry waits for a new approval). Defaults come from settings files:
~/.config/oac/settings.json (user) and .oac/settings.json (project); flags win over the project, the project over
the user, but a project's endpoint, model, loosened safety and commands count only once you trust it (oac agent trust
shows what they change; --trust-project for one run). Tool calls are taken natively or as text
(Hermes, Qwen3-Coder XML, ...). Without -p it runs interactively: type tasks at the prompt, see the reply stream in
and a diff of every change, answer y/a/n before changes and commands (--yes skips the question, except for what only a
person may allow: destructive commands, writes to .oac/ and .git/, reads of credentials); /help lists the slash commands (/model, /clear, /compact, /undo, /tools, /cost, /exit), Ctrl-C stops a
step. With -p, changes and commands need --yes, and what only a person may allow is refused. Commands run in a
sandbox (--sandbox; bubblewrap on Linux, sandbox-exec on macOS) with credentials (*KEY*, *TOKEN*, ...) left out of
their environment; rules in settings (permissions.allow/ask/deny, e.g. "bash(npm test:*)") decide the rest.
Sessions are saved (oac agent sessions list): --continue resumes the newest one in this project, --resume ID a given
one, --resume alone offers the newest ones to pick from in a terminal (and takes the newest, with a note, elsewhere).
Exit 0: answered; 1: failed or answer cut; 2: bad input; 3: turn limit reached; 4: stopped in a loop of
repeated calls; 5: --max-tokens budget spent; 130 or 143: interrupted (Ctrl-C or SIGTERM).`)

export const AGENT_EXAMPLES = [
  '<%= config.bin %> agent --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder',
  '<%= config.bin %> agent -p "make the failing test in test/math.test.ts pass" --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder --yes',
  '<%= config.bin %> agent -p "explain src/cli.ts" --engine rtx5090-primary --output-format stream-json',
  '<%= config.bin %> agent -p "now add a test for it" --continue --engine rtx5090-primary --yes',
  'cat issue.md | <%= config.bin %> agent --engine rtx5090-primary --yes',
  '<%= config.bin %> agent -p "how would you add caching to src/api.ts?" --permission-mode plan --engine rtx5090-primary',
  '<%= config.bin %> agent --resume',
  '<%= config.bin %> agent --rewind',
  '<%= config.bin %> agent --rewind 3f9a2c --rewind-all',
  '<%= config.bin %> agent --undo-rewind',
  '<%= config.bin %> agent --print-prompt-stats',
]
