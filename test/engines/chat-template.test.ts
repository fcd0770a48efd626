import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Llama} from 'node-llama-cpp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {chatPromptTokens} from '../../src/engines/embedded/chat-prompt.js'
import {writeTinyModel} from '../../src/engines/embedded/tiny-model.js'
import {startEmbedded} from '../../src/engines/embedded.js'
import type {ChatMessage} from '../../src/llm/types.js'

// The embedded engine lays prompts out with the GGUF's own `tokenizer.chat_template`, not ChatML for everyone:
// tiny generated GGUFs carry templates in the formats of four model families (written for this test).

const dir = mkdtempSync(join(tmpdir(), 'oac-templates-'))
const TEMPLATES = {
  llama3:
    "{{ bos_token }}{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}",
  mistral:
    "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token }}{% elif message['role'] == 'system' %}{{ '[SYSTEM_PROMPT]' + message['content'] + '[/SYSTEM_PROMPT]' }}{% endif %}{% endfor %}",
  gemma:
    "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'assistant' %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<start_of_turn>model\\n' }}{% endif %}",
  harmony:
    "{% for message in messages %}{{ '<|start|>' + message['role'] + '<|message|>' + message['content'] + '<|end|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|start|>assistant' }}{% endif %}",
}
const messages: ChatMessage[] = [
  {role: 'system', content: 'Be brief.'},
  {role: 'user', content: 'Say hi.'},
  {role: 'assistant', content: 'hi'},
  {role: 'user', content: 'List the files.'},
]

let llama: Llama
beforeAll(async () => {
  const {getLlama} = await import('node-llama-cpp')
  llama = await getLlama({gpu: false, build: 'never', maxThreads: 1, logLevel: 'error' as never})
})
afterAll(async () => {
  await llama.dispose()
})

async function rendered(template: string | null): Promise<string> {
  const {resolveChatWrapper} = await import('node-llama-cpp')
  const file = join(
    dir,
    `${template === null ? 'none' : Object.entries(TEMPLATES).find(([, t]) => t === template)?.[0]}.gguf`,
  )
  const model = await llama.loadModel({modelPath: writeTinyModel(file, {chatTemplate: template})})
  try {
    const text = model.detokenize(chatPromptTokens(model, resolveChatWrapper(model), messages, []), true)
    // The tiny SentencePiece vocabulary turns word boundaries into spaces around control tokens on the way back.
    return text.replace(/ +(?=<)/g, '').replace(/> +/g, '>')
  } finally {
    await model.dispose()
  }
}

describe("the embedded engine's chat template", () => {
  it('lays a Llama 3 template out with header ids and ends on the assistant header', async () => {
    const text = await rendered(TEMPLATES.llama3)
    expect(text).toContain('<|start_header_id|>user<|end_header_id|>\n\nSay hi.<|eot_id|>')
    expect(text).toMatch(/<\|start_header_id\|>assistant<\|end_header_id\|>\n\n$/)
    expect(text).not.toContain('<|im_start|>')
  })

  it('lays a Mistral template out with [INST] blocks', async () => {
    const text = await rendered(TEMPLATES.mistral)
    expect(text).toContain('[INST]')
    expect(text).toContain('List the files.')
    expect(text).toContain('[/INST]')
    expect(text).not.toContain('<|im_start|>')
  })

  it('lays a Gemma template out with <start_of_turn> and the model role', async () => {
    const text = await rendered(TEMPLATES.gemma)
    expect(text).toContain('<start_of_turn>user\n')
    expect(text).toContain('<start_of_turn>model\nhi')
    expect(text).toMatch(/<start_of_turn>model\n$/)
  })

  it('lays a gpt-oss (Harmony) template out with <|start|>role<|message|>', async () => {
    const text = await rendered(TEMPLATES.harmony)
    expect(text).toContain('<|start|>user<|message|>Say hi.<|end|>')
    expect(text).toMatch(/<\|start\|>assistant/)
    expect(text).not.toContain('<|im_start|>')
  })

  it('serves with the GGUF template and names it on /props, as llama-server does', async () => {
    const modelPath = writeTinyModel(join(dir, 'served-llama3.gguf'), {chatTemplate: TEMPLATES.llama3})
    const server = await startEmbedded({modelPath, port: 0, context: 2048, parallel: 1, defaultMaxTokens: 4})
    try {
      const props = (await (await fetch(`${server.url}/props`)).json()) as Record<string, unknown>
      expect(props.chat_template).toBe(TEMPLATES.llama3)
      expect(typeof props.chat_wrapper).toBe('string')
      const res = await fetch(`${server.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({model: server.model, messages, max_tokens: 4}),
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as {usage: {prompt_tokens: number}}
      expect(body.usage.prompt_tokens).toBeGreaterThan(20)
    } finally {
      await server.close()
    }
  })
})
