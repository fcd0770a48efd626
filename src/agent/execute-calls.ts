import type {ChatMessage, ToolCall} from '../llm/types.js'
import type {AgentEventListener} from './events.js'
import type {RepeatedCalls} from './repeated-calls.js'
import {runToolCall} from './run-tool-call.js'
import type {AgentTool, ToolContext} from './tools/tool.js'

// The calls of one reply, run one after another, each reported as a tool_call and a tool_result event. Returns
// the assistant message's calls (arguments repaired) and a tool message per call, ready for the history; `loop`
// when a call has now been repeated often enough to stop the run (the calls after it are not run).

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
  repeats: RepeatedCalls,
  emit: AgentEventListener,
  /** Pass on a running command's output as `tool_output` events. */
  streamOutput = false,
): Promise<{done: ExecutedCall[]; loop?: string}> {
  const done: ExecutedCall[] = []
  for (const call of calls) {
    emit({type: 'tool_call', turn, id: call.id, name: call.name, arguments: call.arguments})
    let changed = false
    const watched: ToolContext = {
      ...ctx,
      onFileChange: (change) => {
        changed = true
        ctx.onFileChange?.(change)
      },
      ...(streamOutput ? {onOutput: (text: string) => emit({type: 'tool_output', id: call.id, text})} : {}),
    }
    const outcome = ctx.signal.aborted
      ? {output: '[cancelled]', isError: true, arguments: call.arguments}
      : await runToolCall(call, tools, watched)
    const repeat = repeats.record(call, outcome.output, outcome.isError, changed)
    const output = repeat.kind === 'intervene' ? `${outcome.output}\n\n${repeat.message}` : outcome.output
    emit({type: 'tool_result', turn, id: call.id, name: call.name, output, isError: outcome.isError})
    if (repeat.kind === 'intervene')
      emit({type: 'notice', message: `Repeated call to ${call.name} (${repeat.count} times): intervention sent`})
    done.push({
      call: {...call, arguments: outcome.arguments},
      message: {role: 'tool', tool_call_id: call.id, content: output},
      isError: outcome.isError,
    })
    if (repeat.kind === 'stop')
      return {
        done,
        loop: `Stopped: the model made the same \`${call.name}\` call ${repeat.count} times with the same result.`,
      }
  }
  return {done}
}
