import {setMaxListeners} from 'node:events'
import {LlmClient} from './client.js'
import {LlmError} from './errors.js'
import {engineReplyTokenizer} from './reply-tokens.js'

/**
 * Checks, before any load is sent, that the endpoint answers and serves `model`. Throws LlmError when it cannot be
 * reached and an Error naming the served models when it does not serve that one; the caller decides the exit code.
 */
export async function ensureModelServed(client: LlmClient, model: string): Promise<void> {
  let served: string[]
  try {
    served = (await client.models(AbortSignal.timeout(15_000))).map((m) => m.id)
  } catch (error) {
    if (error instanceof LlmError) throw error
    throw new LlmError('connection', client.baseUrl, String(error))
  }
  if (!served.includes(model))
    throw new Error(
      `Model \`${model}\` is not served by ${client.baseUrl}; it serves: ${served.join(', ') || 'nothing'}`,
    )
}

/**
 * A client for a stage that sends many requests on one Ctrl-C signal (bench, evals): checks first that the endpoint
 * serves `model`, and turns a failure into the stage's own error (`toError`, which decides the exit code). Replies
 * without usage are counted with the engine's own tokenizer where it has a /tokenize route.
 */
export async function connectModel(
  endpoint: string,
  model: string,
  signal: AbortSignal,
  toError: (error: Error) => Error,
): Promise<LlmClient> {
  const client = new LlmClient(endpoint)
  // Every in-flight request listens on the one signal.
  setMaxListeners(0, signal)
  await ensureModelServed(client, model).catch((error: Error) => {
    throw toError(error)
  })
  const tokenizer = await engineReplyTokenizer(client.baseUrl, model)
  if (tokenizer) client.replyTokenizer = tokenizer
  return client
}
