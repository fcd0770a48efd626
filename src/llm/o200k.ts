import {countTokens} from 'gpt-tokenizer/encoding/o200k_base'

// o200k_base (GPT-4o's BPE): the yardstick oac's prompt budget is stated in. It is no local model's tokenizer, but
// it is public, fixed and close to modern 150k-250k vocabularies; the engine's own count comes from /tokenize.

export function countO200k(text: string): number {
  return text.length === 0 ? 0 : countTokens(text)
}
