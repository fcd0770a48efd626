import type {SimRequest, SimSink} from './chat-request.js'
import {SimHttpError} from './http-io.js'

/** Whose extra routes and fields a server imitates: vLLM (max_model_len), llama.cpp (/props), Ollama (/api/show). */
export type EngineFlavor = 'vllm' | 'llamacpp' | 'ollama'

/**
 * What the OpenAI and Anthropic HTTP routes need from an engine: the simulator implements it with scripted
 * replies and exact timing, the embedded engine with node-llama-cpp.
 */
export interface ChatBackend {
  readonly options: {models: string[]; context: number; flavor: EngineFlavor}
  /** The model id to use, or a 404 naming the served ones. */
  checkModel(model: string | undefined): string
  /** Generates a reply into the sink; throws SimHttpError for errors the client should see. */
  run(req: SimRequest, sink: SimSink, signal: AbortSignal): Promise<void>
  embed(texts: string[]): Promise<number[][]>
}

/** The model a request names (the first served one when it names none), or a 404 that lists the served ones. */
export function resolveServedModel(served: string[], model: string | undefined): string {
  const id = model || served[0] || 'sim-model'
  if (!served.includes(id))
    throw new SimHttpError(
      404,
      `The model \`${id}\` does not exist. Served models: ${served.join(', ')}`,
      'NotFoundError',
    )
  return id
}
