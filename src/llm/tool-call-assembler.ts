import type {ToolCall} from './types.js'

interface ToolCallDelta {
  index?: number
  id?: string
  function?: {name?: string; arguments?: string}
}

/** Assembles streamed tool-call deltas (index, id, name, argument fragments) into whole calls, several per turn. */
export class ToolCallAssembler {
  private readonly calls = new Map<number, ToolCall>()

  add(delta: ToolCallDelta): void {
    const index = delta.index ?? this.calls.size
    const call = this.calls.get(index) ?? {id: '', name: '', arguments: ''}
    if (delta.id) call.id = delta.id
    if (delta.function?.name) call.name += delta.function.name
    if (delta.function?.arguments) call.arguments += delta.function.arguments
    this.calls.set(index, call)
  }

  /** The calls in index order; a call the server sent no id for gets `call_<index>`. */
  result(): ToolCall[] {
    return [...this.calls.entries()].sort(([a], [b]) => a - b).map(([i, c]) => ({...c, id: c.id || `call_${i}`}))
  }
}
