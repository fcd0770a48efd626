import {LlmClient} from '../llm/client.js'
import {LlmError} from '../llm/errors.js'
import type {ToolSpec} from '../llm/types.js'

// One request per server once it is healthy: a chat model must answer with a tool call (the tool-call parser and
// chat template are what most often break agentic use), an embedding model must return a vector.

export const SMOKE_TOOL: ToolSpec = {
  type: 'function',
  function: {
    name: 'read_file',
    description: 'Read a file of the repository and return its contents.',
    parameters: {
      type: 'object',
      properties: {path: {type: 'string', description: 'Path relative to the repository root'}},
      required: ['path'],
    },
  },
}

export const SMOKE_PROMPT = 'Read the file README.md with the read_file tool. Call the tool; do not answer in prose.'

export interface SmokeResult {
  ok: boolean
  detail: string
}

export async function smokeChat(baseUrl: string, model: string, timeoutMs = 300_000): Promise<SmokeResult> {
  const client = new LlmClient(baseUrl, {timeoutMs})
  const result = await client.chat({
    model,
    messages: [{role: 'user', content: SMOKE_PROMPT}],
    tools: [SMOKE_TOOL],
    toolChoice: 'auto',
    maxTokens: 256,
    temperature: 0,
  })
  const call = result.toolCalls[0]
  if (!call)
    return {
      ok: false,
      detail: `no tool call in the reply (finish_reason ${result.finishReason}): ${result.content.slice(0, 200)}`,
    }
  if (call.name !== SMOKE_TOOL.function.name) return {ok: false, detail: `called an unknown tool ${call.name}`}
  try {
    JSON.parse(call.arguments || '{}')
  } catch {
    return {ok: false, detail: `the tool call's arguments are not JSON: ${call.arguments}`}
  }
  return {
    ok: true,
    detail: `${call.name}(${call.arguments}) in ${Math.round(result.timing.end - result.timing.start)} ms`,
  }
}

export async function smokeEmbedding(baseUrl: string, model: string, timeoutMs = 120_000): Promise<SmokeResult> {
  const client = new LlmClient(baseUrl, {timeoutMs})
  let vectors: number[][]
  try {
    vectors = await client.embed(model, ['function add(a, b) { return a + b }'])
  } catch (error) {
    // A server that answers with an error fails the smoke test; one that cannot be reached is the step's error.
    if (error instanceof LlmError && error.status !== undefined)
      return {ok: false, detail: `HTTP ${error.status}: ${error.message.slice(0, 200)}`}
    throw error
  }
  const n = vectors[0]?.length ?? 0
  return n > 0 ? {ok: true, detail: `a vector of ${n} dimensions`} : {ok: false, detail: 'no embedding in the reply'}
}
