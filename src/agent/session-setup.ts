import {dirname, relative} from 'node:path'
import {probeEngine} from '../llm/probe.js'
import type {RetryPolicy} from '../llm/retry.js'
import type {ChatMessage} from '../llm/types.js'
import {oacConfigDir, oacHome} from '../paths.js'
import {Checkpoints} from './checkpoints/checkpoints.js'
import {type CodeIndexAddOns, codeIndexAddOns} from './code-index.js'
import type {AgentEventListener} from './events.js'
import type {AgentOptions, SessionRecorder} from './loop.js'
import {connectMcpServers, type McpTools} from './mcp/connect-mcp.js'
import {approvalStates, describeServer, loadApprovals} from './mcp/mcp-approvals.js'
import {loadMcpServers} from './mcp/mcp-config.js'
import {type SessionSafety, sessionSafety} from './permissions/session-safety.js'
import {type PermissionMode, planModeRefusals, planModeSystem, planModeTools} from './plan-mode.js'
import {projectRoot} from './project-root.js'
import type {SandboxMode} from './sandbox/sandbox-settings.js'
import {sessionTitle, shortDate} from './session-list.js'
import {type AgentSession, SessionStore} from './session-store.js'
import {type LoadedSettings, loadSettings} from './settings/load-settings.js'
import {buildSystemPrompt} from './system-prompt.js'
import {BUILTIN_TOOLS} from './tools/index.js'
import type {AgentTool} from './tools/tool.js'

// What headless and interactive runs both set up before the first turn, built once by `openAgentSetup`.

/** Options every agent run takes, headless or interactive. */
export interface AgentRunOptions {
  endpoint: string
  model: string
  cwd: string
  maxTurns: number
  /** Total token budget of a run (--max-tokens). */
  maxTokens?: number
  yes: boolean
  /** `plan`: only reading tools, and the answer is a plan (--permission-mode plan). */
  permissionMode?: PermissionMode
  /**
   * Continue this session (id or prefix), `latest` for the newest one in this project, or `pick` (--resume without
   * an id): a picker in a terminal, else the newest with a note.
   */
  resume?: string
  dbFile?: string
  /** How long to wait out a loading or busy engine (default: llm/retry.ts). */
  retry?: RetryPolicy
  /** The user's and project's settings, when the caller has read them already. */
  settings?: LoadedSettings
  /** Start the project's MCP servers for this run even when the user has not approved them (--approve-mcp). */
  approveMcp?: boolean
  /** Where shell commands run (--sandbox); settings, else workspace-write, when absent. */
  sandbox?: SandboxMode
  /** Trust the project's settings, MCP servers and commands for this run (--trust-project). */
  trustProject?: boolean
  /** The user's config dir (MCP approvals); default oacConfigDir(). */
  configDir?: string
}

/** The project's checkpoint store, beside the session database. */
export function checkpointsFor(root: string, o: Pick<AgentRunOptions, 'dbFile'>): Checkpoints {
  return Checkpoints.for(root, o.dbFile ? dirname(o.dbFile) : oacHome())
}

/** Saves the files' state before a task; a failure (no git) is a notice, never the end of the run. */
export async function saveCheckpoint(
  checkpoints: Checkpoints,
  sessionId: string,
  emit: AgentEventListener,
): Promise<string | undefined> {
  try {
    return await checkpoints.save(sessionId)
  } catch (error) {
    emit({
      type: 'notice',
      message: `No checkpoint for this task (${(error as Error).message}); --rewind cannot undo it`,
    })
    return undefined
  }
}

/** `--resume` without an id: the interactive prompt asks which; elsewhere it means the newest. */
export const RESUME_PICK = 'pick'

/** The session to continue: by id (or prefix), the newest in this project for `latest` (and `pick`), none without. */
export function findResumed(store: SessionStore, root: string, resume: string | undefined) {
  if (resume === undefined) return undefined
  return resume === 'latest' || resume === RESUME_PICK ? store.latest(root) : store.get(resume)
}

/** The note for `--resume` without an id where nothing can ask which session (a pipe, -p). */
function newestNote(s: AgentSession): string {
  return `Resuming the newest session of this project: ${s.id} from ${shortDate(s.updatedAt)} ("${sessionTitle(s.task)}"). --resume ID takes another (oac agent sessions list).`
}

/**
 * The user's MCP servers, and the project's that the user approved (or all with --approve-mcp); the others are
 * not started and reported with the command that approves them. One that fails to start is reported and left out.
 */
export async function startMcp(
  root: string,
  emit: AgentEventListener,
  o: Pick<AgentRunOptions, 'settings' | 'approveMcp' | 'configDir' | 'trustProject'> = {},
): Promise<McpTools> {
  const servers = await loadMcpServers(root, o.settings ?? (await loadSettings(root, process.env, o)))
  const held = approvalStates(servers, root, loadApprovals(o.configDir ?? oacConfigDir())).filter(
    (s) => s.state !== 'approved' && !o.approveMcp && !o.trustProject,
  )
  for (const {entry, state} of held)
    emit({
      type: 'notice',
      message: `MCP server \`${entry.name}\` from ${relative(root, entry.file)} not started: ${
        state === 'new' ? 'not approved yet' : 'changed since you approved it'
      } (runs: ${describeServer(entry, root)}). Approve it with \`oac agent mcp approve ${entry.name}\` or pass --approve-mcp for this run.`,
    })
  const mcp = await connectMcpServers(
    servers.filter((s) => !held.some((h) => h.entry === s)),
    root,
  )
  for (const failure of mcp.failures) emit({type: 'notice', message: `${failure}; continuing without it`})
  return mcp
}

/** Everything a run needs before its first turn; `close` stops the MCP servers and the index and closes the store. */
export interface AgentSetup {
  root: string
  /** The system prompt, with the code index's section when the project has an index. */
  system: string
  /** Built-in tools, then the code index's, then the MCP servers' (only the reading ones in plan mode). */
  tools: AgentTool[]
  /** Every tool, whatever the mode, and the system prompt without plan mode's note (interactive /plan). */
  allTools: AgentTool[]
  baseSystem: string
  /** Plan mode's refusals of the tools it leaves out; empty otherwise. */
  refusedTools: AgentTool[]
  store: SessionStore
  /** The session being continued (--continue, --resume), already marked as touched. */
  resumed: AgentSession | undefined
  /** Its messages, without the system prompt; empty for a new session. */
  history: ChatMessage[]
  /** The context length the engine reports, when it does. */
  contextLength: number | undefined
  /** Permission rules, sandbox and shell environment of the session. */
  safety: SessionSafety
  /** Whether the project's own files are trusted (its custom commands load only then). */
  projectTrusted: boolean
  /** The settings' smallModel, for compaction summaries. */
  compactModel?: string
  close(): Promise<void>
}

/**
 * Builds what headless and interactive runs share: project root, system prompt, session store and the resumed
 * session, MCP servers, the code index, and the engine's context length. On failure it closes what it opened.
 */
export async function openAgentSetup(o: AgentRunOptions, emit: AgentEventListener): Promise<AgentSetup> {
  const root = await projectRoot(o.cwd)
  const prompt = await buildSystemPrompt(root)
  const store = SessionStore.open(o.dbFile)
  let mcp: McpTools | undefined
  let index: CodeIndexAddOns | undefined
  try {
    const resumed = findResumed(store, root, o.resume)
    if (resumed && o.resume === RESUME_PICK) emit({type: 'notice', message: newestNote(resumed)})
    if (resumed) store.touch(resumed.id)
    const settings = o.settings ?? (await loadSettings(root, process.env, o))
    const safety = await sessionSafety(root, {...o, settings}, emit)
    mcp = await startMcp(root, emit, {...o, settings})
    index = await codeIndexAddOns(root, emit, {repoMap: settings.settings.repoMap})
    const facts = await probeEngine(o.endpoint, o.model).catch(() => undefined)
    const [servers, addOns] = [mcp, index]
    const system = index.promptSection ? `${prompt.text}\n\n${index.promptSection}` : prompt.text
    const tools = [...BUILTIN_TOOLS, ...index.tools, ...mcp.tools]
    const plan = o.permissionMode === 'plan'
    return {
      root,
      system: plan ? await planModeSystem(system) : system,
      tools: plan ? planModeTools(tools) : tools,
      allTools: tools,
      baseSystem: system,
      refusedTools: plan ? planModeRefusals(tools) : [],
      store,
      resumed,
      history: resumed ? store.messages(resumed.id) : [],
      contextLength: facts?.contextLength,
      safety,
      projectTrusted: settings.projectTrusted === true,
      ...(settings.settings.smallModel ? {compactModel: settings.settings.smallModel} : {}),
      close: async () => {
        await servers.close()
        await addOns.close()
        store.close()
      },
    }
  } catch (error) {
    await mcp?.close()
    await index?.close()
    store.close()
    throw error
  }
}

/** The loop options both modes pass the same way; each adds its own chat, approval, task and signal. */
export function sharedLoopOptions(
  o: AgentRunOptions,
  setup: Pick<AgentSetup, 'root' | 'system' | 'tools' | 'contextLength' | 'safety' | 'compactModel'> &
    Partial<Pick<AgentSetup, 'refusedTools'>>,
  sessionId: string,
): Pick<
  AgentOptions,
  | 'model'
  | 'system'
  | 'tools'
  | 'refusedTools'
  | 'root'
  | 'maxTurns'
  | 'maxTokens'
  | 'retry'
  | 'contextLength'
  | 'sessionId'
  | 'safety'
  | 'compactModel'
> {
  return {
    model: o.model,
    system: setup.system,
    tools: setup.tools,
    ...(setup.refusedTools?.length ? {refusedTools: setup.refusedTools} : {}),
    root: setup.root,
    maxTurns: o.maxTurns,
    ...(o.maxTokens !== undefined ? {maxTokens: o.maxTokens} : {}),
    ...(o.retry ? {retry: o.retry} : {}),
    ...(setup.contextLength ? {contextLength: setup.contextLength} : {}),
    sessionId,
    safety: setup.safety,
    ...(setup.compactModel ? {compactModel: setup.compactModel} : {}),
  }
}

/** Saves what the loop says into the session; `history`, when given, is kept in step (the interactive prompt). */
export function sessionRecorder(store: SessionStore, sessionId: string, history?: ChatMessage[]): SessionRecorder {
  return {
    append: (message, meta) => {
      history?.push(message)
      store.append(sessionId, message, meta)
    },
    replace: (messages) => {
      history?.splice(0, history.length, ...messages)
      store.replaceHistory(sessionId, messages)
    },
  }
}
