import {checkToolArguments} from '../llm/tool-args.js'
import type {ToolCall} from '../llm/types.js'
import {redactSecrets} from '../store/redact.js'
import {type Decision, decide, OPEN_POLICY} from './permissions/decide.js'
import {capOutput} from './tools/output-cap.js'
import type {AgentTool, ToolContext} from './tools/tool.js'
import {ToolError} from './tools/tool.js'

// One tool call from start to result: find the tool, repair and validate the arguments (converting types the schema
// allows), ask for approval, run it, redact secrets from its output and cap it (one redaction and one cap for every
// tool, MCP included: nothing a tool prints reaches the model with a key, a password or a token in it).
// Every failure becomes a result the model can read and act on; nothing here throws.

export interface ToolOutcome {
  output: string
  isError: boolean
  /** The arguments as JSON the chat template can render again (repaired when the model sent near-JSON). */
  arguments: string
}

export async function runToolCall(
  call: ToolCall,
  tools: ReadonlyMap<string, AgentTool>,
  ctx: ToolContext,
): Promise<ToolOutcome> {
  const tool = tools.get(call.name)
  const checked = checkToolArguments(call.arguments, tool?.spec, call.name, [...tools.keys()], {coerce: true})
  if (!checked.ok) {
    const schema = checked.stage === 'schema' ? ` Parameters: ${JSON.stringify(tool?.spec.function.parameters)}` : ''
    return {output: checked.error + schema, isError: true, arguments: validJson(call.arguments)}
  }
  const args = JSON.stringify(checked.value)
  if (!tool) return {output: `Unknown tool \`${call.name}\`.`, isError: true, arguments: args}
  const decision = decide(
    {tool: call.name, args: checked.value, mutates: tool.mutates, root: ctx.root},
    ctx.permissions ?? OPEN_POLICY,
  )
  if (decision.kind === 'deny')
    return {output: `Refused: ${decision.reason}. Do not repeat it; find another way.`, isError: true, arguments: args}
  if (decision.kind === 'ask') {
    const request = {
      tool: call.name,
      summary: args.slice(0, 200),
      dangerous: decision.dangerous,
      person: decision.person,
      ...(decision.reason ? {reason: decision.reason} : {}),
      args: checked.value,
    }
    const answer = await ctx.approve(request)
    if (answer !== true) {
      const said = answer ? ` The user says: ${answer.denied}` : ''
      return {output: `${refusal(call.name, decision, ctx)}${said}`, isError: true, arguments: args}
    }
  }
  try {
    const dangerApproved = decision.kind === 'ask' && decision.dangerous
    const output = redactSecrets(await tool.run(checked.value, {...ctx, dangerApproved}), ctx.secrets)
    return {output: capOutput(output, checked.value, tool.outputCap), isError: false, arguments: args}
  } catch (error) {
    const message = error instanceof ToolError ? error.message : `\`${call.name}\` failed: ${(error as Error).message}`
    return {
      output: capOutput(redactSecrets(message, ctx.secrets), checked.value, tool.outputCap),
      isError: true,
      arguments: args,
    }
  }
}

/** Why a call did not run, in words the model can act on. */
function refusal(tool: string, decision: Extract<Decision, {kind: 'ask'}>, ctx: ToolContext): string {
  const why = decision.reason ? ` (${decision.reason})` : ''
  if (ctx.personApproves)
    return `Denied: the user did not allow this \`${tool}\` call${why}. Do not repeat it; ask the user or find another way.`
  if (decision.person)
    return `Refused: this \`${tool}\` call needs a person's approval${why}, and no one can answer in this run. Find another way.`
  return `Refused: \`${tool}\` changes files or runs commands and was not approved (oac agent --yes allows it).`
}

/** The raw arguments when they are JSON, else `{}`: engines re-parse arguments when they render history. */
function validJson(raw: string): string {
  try {
    JSON.parse(raw)
    return raw
  } catch {
    return '{}'
  }
}
