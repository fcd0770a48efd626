import {UsageError} from '../errors.js'
import {LlmClient} from '../llm/client.js'
import {engineTokenCount} from '../llm/engine-tokenize.js'
import {oacConfigDir} from '../paths.js'
import {TaskChanges} from './checkpoints/task-changes.js'
import {hasCodeIndex} from './code-index.js'
import {customCommandTask, loadCustomCommands} from './custom-commands.js'
import type {AgentEventListener} from './events.js'
import {headlessApproval} from './headless-approval.js'
import {runAgent} from './loop.js'
import {loadMcpServers} from './mcp/mcp-config.js'
import {refuseInPlanMode} from './plan-mode.js'
import {assertProjectRoot, projectRoot} from './project-root.js'
import {type PromptStats, promptStats} from './prompt-stats.js'
import {
  type AgentRunOptions,
  checkpointsFor,
  openAgentSetup,
  saveCheckpoint,
  sessionRecorder,
  sharedLoopOptions,
} from './session-setup.js'
import {type LoadedSettings, loadSettings} from './settings/load-settings.js'
import {buildSystemPrompt} from './system-prompt.js'
import {BUILTIN_TOOLS} from './tools/index.js'
import {searchCodeTool} from './tools/search-code.js'

// `oac agent -p`: one task from start to answer without a terminal UI. Sets up the project root, prompt, MCP
// servers and session, runs the loop, and saves everything the loop says.

export interface HeadlessOptions extends AgentRunOptions {
  task: string
  signal: AbortSignal
}

/**
 * Exit status of a finished run: 0 answered, 1 failed (or the answer stayed cut), 3 turn limit reached, 4 stopped in
 * a loop of repeated calls, 5 token budget spent, 130 interrupted.
 */
export const EXIT_CODES = {success: 0, error: 1, cut: 1, max_turns: 3, loop: 4, budget: 5, aborted: 130} as const

export async function runHeadless(o: HeadlessOptions, emit: AgentEventListener) {
  if (!o.task.trim()) throw new UsageError('-p needs a task: oac agent -p "what to do"')
  // Refused before anything starts: a headless run may change every file under its root.
  assertProjectRoot(await projectRoot(o.cwd))
  const setup = await openAgentSetup(o, emit)
  const {store, resumed} = setup
  try {
    // `/name args` runs the custom command .oac/commands/name.md (or the user's) with its arguments.
    const commands = await loadCustomCommands(setup.root, o.configDir ?? oacConfigDir(), {
      project: setup.projectTrusted,
    })
    const task = customCommandTask(o.task, commands) ?? o.task
    const sessionId =
      resumed?.id ?? store.create({root: setup.root, endpoint: o.endpoint, model: o.model, task: o.task})
    // What the agent changes is recorded with the task's checkpoints, for `oac agent --rewind`.
    const checkpoints = checkpointsFor(setup.root, o)
    const changes = new TaskChanges(checkpoints, setup.root)
    changes.begin(await saveCheckpoint(checkpoints, sessionId, emit))
    const client = new LlmClient(o.endpoint)
    emit({
      type: 'start',
      sessionId,
      model: o.model,
      root: setup.root,
      tools: setup.tools.map((t) => t.spec.function.name),
      resumed: !!resumed,
    })
    const shared = sharedLoopOptions(o, setup, sessionId)
    const result = await runAgent(
      {
        ...shared,
        tools: shared.tools.map((t) => changes.watch(t)),
        onFileChange: (change) => changes.wrote(change.path),
        chat: (req) => client.chat(req),
        task,
        history: setup.history,
        approve: o.permissionMode === 'plan' ? refuseInPlanMode : headlessApproval(o.yes),
        signal: o.signal,
        recorder: sessionRecorder(store, sessionId),
      },
      emit,
    ).finally(() => changes.finish(sessionId))
    store.finish(sessionId, result.status, result.turns, result.usage)
    return result
  } finally {
    await setup.close()
  }
}

/**
 * The token cost of the fixed prompt in the project of `cwd` (system prompt and built-in tool schemas). It starts
 * no MCP server: a look at the prompt size must not run commands a cloned repository names.
 */
export async function projectPromptStats(
  cwd: string,
  emit: AgentEventListener,
  settings?: LoadedSettings,
  target?: {url: string; model: string},
): Promise<PromptStats> {
  const root = await projectRoot(cwd)
  const prompt = await buildSystemPrompt(root)
  const servers = await loadMcpServers(root, settings ?? (await loadSettings(root)))
  if (servers.length)
    emit({
      type: 'notice',
      message: `MCP servers (${servers.map((s) => s.name).join(', ')}) are not started here; their tool schemas are not counted`,
    })
  const index = (await hasCodeIndex(root)) ? [searchCodeTool(root).tool] : []
  const specs = [...BUILTIN_TOOLS, ...index].map((t) => t.spec)
  const stats = promptStats(prompt, specs, [])
  const engine = target
    ? await engineTokenCount(target.url, target.model, [{role: 'system', content: prompt.text}], specs)
    : undefined
  return engine ? {...stats, engine} : stats
}
