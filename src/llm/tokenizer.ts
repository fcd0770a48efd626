import {countTokens as count, decode, encode} from 'gpt-tokenizer/encoding/cl100k_base'

// One tokenizer for every stage (client estimates, bench prompts, sim usage), so the counts a test sees on
// both sides of the wire are the same number. cl100k_base is not any local model's tokenizer; it is a
// stable, dependency-free stand-in whose counts land within ~10-15% of Qwen/Llama BPE on English and code.

// Text that contains a special token's spelling (`<|im_start|>` in a chat template, in source code) is counted as
// the plain text it is, as engines tokenize user content; gpt-tokenizer throws on it by default.
const AS_TEXT = {disallowedSpecial: new Set<string>()}

// gpt-tokenizer's BPE is superlinear in the length of one pre-token (a run of letters, spaces, newlines or CJK
// with nothing to split it): measured here, 16k letters in a row take 1.4 s, 40k 'a' 7 s, 160k 'a' 139 s, so one
// 5 MB prompt hung oac sim. Text is encoded in slices of at most SLICE characters, cut where cl100k's pre-tokenizer
// splits anyway (before a space that starts a word, or a newline after a letter or digit), so the count does not
// change; inside a longer run with no such place, every SLICE characters (a few more tokens than one BPE gives).
const SLICE = 256
const LETTER = /\p{L}/u
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

function splitsAnyway(text: string, i: number): boolean {
  if (text[i] === ' ') return LETTER.test(text[i + 1] ?? '')
  return text[i] === '\n' && LETTER_OR_DIGIT.test(text[i - 1] ?? '')
}

function cutBefore(text: string, from: number): number {
  const limit = from + SLICE
  if (limit >= text.length) return text.length
  for (let i = limit; i > from; i--) if (splitsAnyway(text, i)) return i
  // A cut must not split a surrogate pair (an emoji would become two invalid halves).
  const code = text.charCodeAt(limit)
  return code >= 0xdc00 && code <= 0xdfff ? limit - 1 : limit
}

function slices(text: string): string[] {
  if (text.length <= SLICE) return [text]
  const out: string[] = []
  for (let at = 0; at < text.length; ) {
    const end = cutBefore(text, at)
    out.push(text.slice(at, end))
    at = end
  }
  return out
}

// Past this many characters (~500k tokens of code, more than any local model's context) a count is estimated from
// SAMPLES evenly spread slices of the text, so that no prompt, whatever its size, blocks a server for long.
const EXACT_CHARS = 2 * 1024 * 1024
const SAMPLES = 16
const SAMPLE_CHARS = 16 * 1024

function exactCount(text: string): number {
  let total = 0
  for (const slice of slices(text)) if (slice) total += count(slice, AS_TEXT)
  return total
}

/** Number of tokens in `text`: exact up to 2 MiB of text, estimated from 256 KiB of samples beyond that. */
export function countTokens(text: string): number {
  if (text.length <= EXACT_CHARS) return exactCount(text)
  const step = Math.floor(text.length / SAMPLES)
  let tokens = 0
  let chars = 0
  for (let i = 0; i < SAMPLES; i++) {
    const sample = text.slice(i * step, i * step + SAMPLE_CHARS)
    tokens += exactCount(sample)
    chars += sample.length
  }
  return Math.round((tokens * text.length) / chars)
}

/** Token ids of `text`. */
export function encodeTokens(text: string): number[] {
  return slices(text).flatMap((slice) => encode(slice, AS_TEXT))
}

/** Text of token ids. */
export function decodeTokens(tokens: number[]): string {
  return decode(tokens)
}
