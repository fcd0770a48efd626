import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {codingPrompts} from '../../src/bench/datasets/coding.js'
import {jsonlPrompts, sharegptPrompts} from '../../src/bench/datasets/files.js'
import {loadDataset} from '../../src/bench/datasets/index.js'
import {randomPrompts} from '../../src/bench/datasets/random.js'
import {countPromptTokens} from '../../src/llm/prompt-tokens.js'

const dir = mkdtempSync(join(tmpdir(), 'oac-datasets-'))
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

describe('bench datasets', () => {
  it.each([17, 64, 1024, 3000])('random prompts are exactly %i prompt tokens each, distinct and seeded', (len) => {
    const prompts = randomPrompts(20, len, 128, 7)
    for (const p of prompts) {
      expect(p.promptTokens).toBe(len)
      expect(countPromptTokens(p.messages)).toBe(len)
    }
    expect(new Set(prompts.map((p) => String(p.messages[0]?.content))).size).toBe(20)
    expect(randomPrompts(20, len, 128, 7)).toEqual(prompts)
    expect(randomPrompts(20, len, 128, 8)).not.toEqual(prompts)
  })

  it('ships coding prompts an agent really sends: a system prompt, files and a request, 1k to 32k tokens', () => {
    const prompts = codingPrompts()
    expect(prompts).toHaveLength(24)
    const sizes = prompts.map((p) => p.promptTokens).sort((a, b) => a - b)
    expect(sizes[0]).toBeLessThan(1500)
    expect(sizes[sizes.length - 1]).toBeGreaterThan(24_000)
    expect(sizes.filter((n) => n > 8000).length).toBeGreaterThanOrEqual(6)
    expect(prompts[0]?.messages[0]?.role).toBe('system')
    expect(String(prompts[0]?.messages[1]?.content)).toMatch(/<file path="[^"]+">/)
  })

  it('reads ShareGPT pairs like vLLM: first human turn, reply length as output, short pairs skipped', () => {
    const path = file(
      'sharegpt.json',
      JSON.stringify([
        {
          conversations: [
            {from: 'human', value: 'How do I reverse a list in Python without copying it?'},
            {from: 'gpt', value: 'Use list.reverse(), which reverses the list in place.'},
          ],
        },
        {
          conversations: [
            {from: 'human', value: 'hi'},
            {from: 'gpt', value: 'Hello! How can I help you today?'},
          ],
        },
        {conversations: [{from: 'gpt', value: 'orphan reply with no question before it'}]},
      ]),
    )
    const prompts = sharegptPrompts(path)
    expect(prompts).toHaveLength(1)
    expect(prompts[0]?.maxTokens).toBe(12)
    expect(() => sharegptPrompts(file('bad.json', '{"not": "a list"}'))).toThrow(/expected a JSON array/)
  })

  it('reads JSONL prompts and names the line of a bad one', () => {
    const ok = jsonlPrompts(
      file(
        'p.jsonl',
        '{"prompt": "Explain closures.", "max_tokens": 50}\n{"messages": [{"role": "user", "content": "Hi"}]}\n',
      ),
    )
    expect(ok.map((p) => p.maxTokens)).toEqual([50, 256])
    expect(() => jsonlPrompts(file('q.jsonl', '{"prompt": "a"}\n{"text": "b"}\n'))).toThrow(
      /q\.jsonl:2: expected \{"prompt": "\.\.\."\}/,
    )
  })

  it('cycles a fixed set to the asked count and rejects an unknown dataset', () => {
    const prompts = loadDataset({dataset: 'coding', count: 30, inputLen: 0, outputLen: 64, outputLenSet: true, seed: 0})
    expect(prompts).toHaveLength(30)
    expect(prompts.every((p) => p.maxTokens === 64)).toBe(true)
    expect(() =>
      loadDataset({dataset: 'wiki', count: 1, inputLen: 10, outputLen: 1, outputLenSet: false, seed: 0}),
    ).toThrow('Expected --dataset random, coding, sharegpt:FILE or jsonl:FILE, got `wiki`')
  })
})
