import {countTokens as count, decode, encode} from 'gpt-tokenizer/encoding/cl100k_base'

// One tokenizer for every stage (client estimates, bench prompts, sim usage), so the counts a test sees on
// both sides of the wire are the same number. cl100k_base is not any local model's tokenizer; it is a
// stable, dependency-free stand-in whose counts land within ~10-15% of Qwen/Llama BPE on English and code.

// Text that contains a special token's spelling (`<|im_start|>` in a chat template, in source code) is counted as
// the plain text it is, as engines tokenize user content; gpt-tokenizer throws on it by default.
const AS_TEXT = {disallowedSpecial: new Set<string>()}

/** Number of tokens in `text`. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : count(text, AS_TEXT)
}

/** Token ids of `text`. */
export function encodeTokens(text: string): number[] {
  return encode(text, AS_TEXT)
}

/** Text of token ids. */
export function decodeTokens(tokens: number[]): string {
  return decode(tokens)
}
