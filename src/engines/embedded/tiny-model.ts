import {existsSync, mkdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {seededRandom} from '../../util/seeded-random.js'
import {type GgufTensor, type MetaValue, writeGguf} from './gguf-writer.js'

// A tiny llama-architecture model with random weights and a small SentencePiece-style vocabulary (byte tokens,
// printable ASCII, a few words, ChatML control tokens). It generates nonsense, fast: it exists to run the real
// llama.cpp path end to end (load, tokenize, chat template, sampling, grammar, embeddings) without a download.

export interface TinyModelOptions {
  embedding: number
  layers: number
  heads: number
  kvHeads: number
  feedForward: number
  context: number
  seed: number
  /** `tokenizer.chat_template` (Jinja); null leaves it out. Default: ChatML. */
  chatTemplate?: string | null
}

export const TINY_DEFAULTS: TinyModelOptions = {
  embedding: 64,
  layers: 2,
  heads: 4,
  kvHeads: 2,
  feedForward: 128,
  context: 16384,
  seed: 7,
}

const CHATML =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"

const WORDS = ['the', 'a', 'is', 'to', 'of', 'and', 'in', 'file', 'test', 'true', 'false', 'null', 'name', 'path']

// llama.cpp token types: 1 normal, 2 unknown, 3 control, 6 byte.
function vocabulary(): {tokens: string[]; types: number[]} {
  const tokens = ['<unk>', '<s>', '</s>']
  const types = [2, 3, 3]
  for (let i = 0; i < 256; i++) {
    tokens.push(`<0x${i.toString(16).toUpperCase().padStart(2, '0')}>`)
    types.push(6)
  }
  tokens.push('<|im_start|>', '<|im_end|>')
  types.push(3, 3)
  for (let c = 0x20; c < 0x7f; c++) {
    tokens.push(c === 0x20 ? '▁' : String.fromCharCode(c))
    types.push(1)
  }
  for (const w of WORDS) {
    tokens.push(`▁${w}`)
    types.push(1)
  }
  return {tokens, types}
}

/** Writes the tiny model to `file` (once; an existing file is kept) and returns its path. */
export function writeTinyModel(file: string, options: Partial<TinyModelOptions> = {}): string {
  if (existsSync(file)) return file
  const o = {...TINY_DEFAULTS, ...options}
  const random = seededRandom(o.seed)
  const {tokens, types} = vocabulary()
  const nVocab = tokens.length
  const headDim = o.embedding / o.heads
  const kv = headDim * o.kvHeads
  const weights = (dims: number[], scale = 0.08): Float32Array => {
    const n = dims.reduce((a, b) => a * b, 1)
    const data = new Float32Array(n)
    for (let i = 0; i < n; i++) data[i] = (random() * 2 - 1) * scale
    return data
  }
  const ones = (n: number) => new Float32Array(n).fill(1)
  const tensors: GgufTensor[] = [
    {name: 'token_embd.weight', dims: [o.embedding, nVocab], data: weights([o.embedding, nVocab], 0.5)},
    {name: 'output_norm.weight', dims: [o.embedding], data: ones(o.embedding)},
    {name: 'output.weight', dims: [o.embedding, nVocab], data: weights([o.embedding, nVocab], 0.5)},
  ]
  for (let l = 0; l < o.layers; l++) {
    const p = `blk.${l}`
    tensors.push(
      {name: `${p}.attn_norm.weight`, dims: [o.embedding], data: ones(o.embedding)},
      {name: `${p}.attn_q.weight`, dims: [o.embedding, o.embedding], data: weights([o.embedding, o.embedding])},
      {name: `${p}.attn_k.weight`, dims: [o.embedding, kv], data: weights([o.embedding, kv])},
      {name: `${p}.attn_v.weight`, dims: [o.embedding, kv], data: weights([o.embedding, kv])},
      {name: `${p}.attn_output.weight`, dims: [o.embedding, o.embedding], data: weights([o.embedding, o.embedding])},
      {name: `${p}.ffn_norm.weight`, dims: [o.embedding], data: ones(o.embedding)},
      {name: `${p}.ffn_gate.weight`, dims: [o.embedding, o.feedForward], data: weights([o.embedding, o.feedForward])},
      {name: `${p}.ffn_up.weight`, dims: [o.embedding, o.feedForward], data: weights([o.embedding, o.feedForward])},
      {name: `${p}.ffn_down.weight`, dims: [o.feedForward, o.embedding], data: weights([o.feedForward, o.embedding])},
    )
  }
  const metadata: Record<string, MetaValue> = {
    'general.architecture': {type: 'string', value: 'llama'},
    'general.name': {type: 'string', value: 'oac-tiny'},
    'llama.context_length': {type: 'u32', value: o.context},
    'llama.embedding_length': {type: 'u32', value: o.embedding},
    'llama.block_count': {type: 'u32', value: o.layers},
    'llama.feed_forward_length': {type: 'u32', value: o.feedForward},
    'llama.attention.head_count': {type: 'u32', value: o.heads},
    'llama.attention.head_count_kv': {type: 'u32', value: o.kvHeads},
    'llama.attention.layer_norm_rms_epsilon': {type: 'f32', value: 1e-5},
    'llama.rope.dimension_count': {type: 'u32', value: headDim},
    'tokenizer.ggml.model': {type: 'string', value: 'llama'},
    'tokenizer.ggml.tokens': {type: 'string[]', value: tokens},
    'tokenizer.ggml.scores': {type: 'f32[]', value: tokens.map((t, i) => (t.startsWith('▁') && t.length > 1 ? 0 : -i))},
    'tokenizer.ggml.token_type': {type: 'i32[]', value: types},
    'tokenizer.ggml.bos_token_id': {type: 'u32', value: 1},
    'tokenizer.ggml.eos_token_id': {type: 'u32', value: tokens.indexOf('<|im_end|>')},
    'tokenizer.ggml.unknown_token_id': {type: 'u32', value: 0},
    'tokenizer.ggml.add_bos_token': {type: 'bool', value: false},
  }
  const template = options.chatTemplate === undefined ? CHATML : options.chatTemplate
  if (template !== null) metadata['tokenizer.chat_template'] = {type: 'string', value: template}
  mkdirSync(dirname(file), {recursive: true})
  writeGguf(file, metadata, tensors)
  return file
}

/** Where the generated model lives by default: under the data dir, so it is made once per machine. */
export function tinyModelPath(dataDir: string): string {
  return join(dataDir, 'models', 'oac-tiny-64x2.gguf')
}
