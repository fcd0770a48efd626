import type {ChatMessage, ToolCall} from '../llm/types.js'
import type {AgentEventListener} from './events.js'
import type {RepeatedFailures} from './repeated-failures.js'
import {runToolCall} from './run-tool-call.js'
import type {AgentTool, ToolContext} from './tools/tool.js'

// The calls of one reply, run one after another, each reported as a tool_call and a tool_result event. Returns
// the assistant message's calls (arguments repaired) and a tool message per call, ready for the history.

export interface ExecutedCall {
  call: ToolCall
  message: Extract<ChatMessage, {role: 'tool'}>
  isError: boolean
}

export async function executeCalls(
  calls: ToolCall[],
  turn: number,
  tools: ReadonlyMap<string, AgentTool>,
  ctx: ToolContext,
  failures: RepeatedFailures,
  emit: AgentEventListener,
): Promise<ExecutedCall[]> {
  const done: ExecutedCall[] = []
  for (const call of calls) {
    emit({type: 'tool_call', turn, id: call.id, name: call.name, arguments: call.arguments})
    const outcome = ctx.signal.aborted
      ? {output: '[cancelled]', isError: true, arguments: call.arguments}
      : await runToolCall(call, tools, ctx)
    const intervention = failures.record(call, outcome.isError)
    const output = intervention ? `${outcome.output}\n\n${intervention}` : outcome.output
    emit({type: 'tool_result', turn, id: call.id, name: call.name, output, isError: outcome.isError})
    if (intervention) emit({type: 'notice', message: `Repeated failing call to ${call.name}: intervention sent`})
    done.push({
      call: {...call, arguments: outcome.arguments},
      message: {role: 'tool', tool_call_id: call.id, content: output},
      isError: outcome.isError,
    })
  }
  return done
}
