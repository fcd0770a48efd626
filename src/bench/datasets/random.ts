import {countPromptTokens} from '../../llm/prompt-tokens.js'
import {countTokens} from '../../llm/tokenizer.js'
import {seededRandom} from '../../util/seeded-random.js'
import type {BenchPrompt} from '../types.js'

// Random prompts of an exact token length: words that are one token each with a leading space, so a prompt of
// n words is n tokens, and the chat framing is added on top to land exactly on `inputLen` prompt tokens.

const WORDS = (
  'time person year way day thing man world life hand part child eye woman place work week case point government ' +
  'company number group problem fact water money story month lot right study book job word business issue side kind ' +
  'head house service friend father power hour game line end member law car city community name president team ' +
  'minute idea kid body information back parent face others level office door health art war history party result ' +
  'change morning reason research girl guy moment air teacher force education file code test build server request'
)
  .split(' ')
  .map((w) => ` ${w}`)
  .filter((w) => countTokens(w) === 1)

/** `count` prompts of exactly `inputLen` prompt tokens (by the client's count), each asking for `outputLen` tokens. */
export function randomPrompts(count: number, inputLen: number, outputLen: number, seed: number): BenchPrompt[] {
  const random = seededRandom(seed)
  const framing = countPromptTokens([{role: 'user', content: ''}])
  if (inputLen <= framing + 1)
    throw new Error(
      `Expected --input-len above ${framing + 1} (the chat framing alone is ${framing} tokens), got ${inputLen}`,
    )
  const target = inputLen - framing
  return Array.from({length: count}, (_, i) => {
    // A distinct first word per prompt keeps engines' prefix caches from serving every request but the first.
    let text = `Request${i}:`
    // Each word is one token, and the tokenizer's pre-split keeps every " word" a piece of its own, so the count adds
    // up without tokenizing the growing text after each word (which made 400 prompts of 1,024 tokens take a minute).
    const words: string[] = []
    for (let n = countTokens(text); n < target; n++) words.push(WORDS[Math.floor(random() * WORDS.length)] as string)
    text += words.join('')
    // One count checks the sum; the slow walk below only runs if a tokenizer ever merged across words.
    let tokens = countTokens(text)
    while (tokens < target) {
      text += WORDS[Math.floor(random() * WORDS.length)]
      tokens = countTokens(text)
    }
    while (tokens > target) {
      text = text.slice(0, text.lastIndexOf(' '))
      tokens = countTokens(text)
    }
    const messages = [{role: 'user' as const, content: text}]
    return {messages, maxTokens: outputLen, promptTokens: framing + tokens}
  })
}
