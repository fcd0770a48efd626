import {LlmClient} from '../llm/client.js'
import {engineTokenCount} from '../llm/engine-tokenize.js'
import {probeEngine} from '../llm/probe.js'
import type {ChatMessage} from '../llm/types.js'
import {type CodeIndexAddOns, codeIndexAddOns, hasCodeIndex} from './code-index.js'
import type {AgentEventListener} from './events.js'
import {headlessApproval} from './headless-approval.js'
import {runAgent} from './loop.js'
import type {McpTools} from './mcp/connect-mcp.js'
import {loadMcpServers} from './mcp/mcp-config.js'
import {projectRoot} from './project-root.js'
import {type PromptStats, promptStats} from './prompt-stats.js'
import {type AgentRunOptions, findResumed, startMcp} from './session-setup.js'
import {SessionStore} from './session-store.js'
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
  const root = await projectRoot(o.cwd)
  const prompt = await buildSystemPrompt(root)
  const store = SessionStore.open(o.dbFile)
  let mcp: McpTools | undefined
  let index: CodeIndexAddOns | undefined
  try {
    const resumed = findResumed(store, root, o.resume)
    const history: ChatMessage[] = resumed ? store.messages(resumed.id) : []
    const sessionId = resumed?.id ?? store.create({root, endpoint: o.endpoint, model: o.model, task: o.task})
    if (resumed) store.touch(sessionId)
    mcp = await startMcp(root, emit, o)
    const settings = o.settings ?? (await loadSettings(root))
    index = await codeIndexAddOns(root, emit, {repoMap: settings.settings.repoMap})
    const tools = [...BUILTIN_TOOLS, ...index.tools, ...mcp.tools]
    const facts = await probeEngine(o.endpoint, o.model).catch(() => undefined)
    const client = new LlmClient(o.endpoint)
    emit({
      type: 'start',
      sessionId,
      model: o.model,
      root,
      tools: tools.map((t) => t.spec.function.name),
      resumed: !!resumed,
    })
    const result = await runAgent(
      {
        chat: (req) => client.chat(req),
        model: o.model,
        system: index.promptSection ? `${prompt.text}\n\n${index.promptSection}` : prompt.text,
        tools,
        task: o.task,
        history,
        root,
        maxTurns: o.maxTurns,
        ...(o.maxTokens !== undefined ? {maxTokens: o.maxTokens} : {}),
        ...(o.retry ? {retry: o.retry} : {}),
        ...(facts?.contextLength ? {contextLength: facts.contextLength} : {}),
        approve: headlessApproval(o.yes),
        signal: o.signal,
        sessionId,
        recorder: {
          append: (message, meta) => store.append(sessionId, message, meta),
          replace: (messages) => store.replaceHistory(sessionId, messages),
        },
      },
      emit,
    )
    store.finish(sessionId, result.status, result.turns, result.usage)
    return result
  } finally {
    await mcp?.close()
    await index?.close()
    store.close()
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
