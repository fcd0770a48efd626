import {randomBytes} from 'node:crypto'

// Tool-call ids on translated replies. Engines often number calls per reply (`call_0` on every turn, or no id at
// all), and a client that keys its history by id then sees one call twice: Claude Code dropped the repeated
// tool_use and its result and looped to its turn limit. So the router gives every call it translates a fresh id in
// the client API's own shape; the client sends it back with the result, and the upstream (which keeps no state)
// reads it from the history as it reads any id.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `length` random characters of [A-Za-z0-9] (62 of 256 byte values are dropped, so no bias). */
function randomId(length: number): string {
  let out = ''
  while (out.length < length)
    for (const byte of randomBytes(length * 2)) {
      if (byte >= 248) continue
      out += ALPHABET[byte % 62]
      if (out.length === length) break
    }
  return out
}

/** Anthropic's shape: `toolu_01` and 22 base-62 characters. */
export const anthropicToolId = () => `toolu_01${randomId(22)}`

/** OpenAI's Responses shape: `call_` and 24 base-62 characters. */
export const responsesCallId = () => `call_${randomId(24)}`
