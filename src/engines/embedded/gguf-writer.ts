import {writeFileSync} from 'node:fs'

// A minimal GGUF v3 writer (format: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md): a header, typed
// metadata key/values, tensor infos, then F32 tensor data aligned to 32 bytes. Enough to produce a small model
// llama.cpp loads, so the embedded engine can be exercised without downloading weights.

const ALIGNMENT = 32
enum ValueType {
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
}

export type MetaValue =
  | {type: 'u32'; value: number}
  | {type: 'f32'; value: number}
  | {type: 'bool'; value: boolean}
  | {type: 'string'; value: string}
  | {type: 'string[]'; value: string[]}
  | {type: 'f32[]'; value: number[]}
  | {type: 'i32[]'; value: number[]}

export interface GgufTensor {
  name: string
  /** ggml order: the first dimension is the input size (ne0). */
  dims: number[]
  data: Float32Array
}

class Buf {
  private chunks: Buffer[] = []
  size = 0
  push(b: Buffer): void {
    this.chunks.push(b)
    this.size += b.length
  }
  u32(v: number): void {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(v)
    this.push(b)
  }
  i32(v: number): void {
    const b = Buffer.alloc(4)
    b.writeInt32LE(v)
    this.push(b)
  }
  u64(v: number): void {
    const b = Buffer.alloc(8)
    b.writeBigUInt64LE(BigInt(v))
    this.push(b)
  }
  f32(v: number): void {
    const b = Buffer.alloc(4)
    b.writeFloatLE(v)
    this.push(b)
  }
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8')
    this.u64(bytes.length)
    this.push(bytes)
  }
  pad(): void {
    const rest = this.size % ALIGNMENT
    if (rest) this.push(Buffer.alloc(ALIGNMENT - rest))
  }
  concat(): Buffer {
    return Buffer.concat(this.chunks)
  }
}

function writeValue(b: Buf, v: MetaValue): void {
  switch (v.type) {
    case 'u32':
      b.u32(ValueType.UINT32)
      b.u32(v.value)
      return
    case 'f32':
      b.u32(ValueType.FLOAT32)
      b.f32(v.value)
      return
    case 'bool':
      b.u32(ValueType.BOOL)
      b.push(Buffer.from([v.value ? 1 : 0]))
      return
    case 'string':
      b.u32(ValueType.STRING)
      b.str(v.value)
      return
    case 'string[]':
      b.u32(ValueType.ARRAY)
      b.u32(ValueType.STRING)
      b.u64(v.value.length)
      for (const s of v.value) b.str(s)
      return
    case 'f32[]':
      b.u32(ValueType.ARRAY)
      b.u32(ValueType.FLOAT32)
      b.u64(v.value.length)
      for (const x of v.value) b.f32(x)
      return
    case 'i32[]':
      b.u32(ValueType.ARRAY)
      b.u32(ValueType.INT32)
      b.u64(v.value.length)
      for (const x of v.value) b.i32(x)
      return
    default: {
      const never: never = v
      throw new Error(`unknown metadata type ${JSON.stringify(never)}`)
    }
  }
}

/** Writes a GGUF v3 file with the given metadata and F32 tensors. */
export function writeGguf(file: string, metadata: Record<string, MetaValue>, tensors: GgufTensor[]): void {
  const b = new Buf()
  b.push(Buffer.from('GGUF', 'ascii'))
  b.u32(3)
  b.u64(tensors.length)
  const entries = Object.entries({...metadata, 'general.alignment': {type: 'u32', value: ALIGNMENT} as MetaValue})
  b.u64(entries.length)
  for (const [key, value] of entries) {
    b.str(key)
    writeValue(b, value)
  }
  let offset = 0
  for (const t of tensors) {
    b.str(t.name)
    b.u32(t.dims.length)
    for (const d of t.dims) b.u64(d)
    b.u32(0) // GGML_TYPE_F32
    b.u64(offset)
    const bytes = t.data.length * 4
    offset += Math.ceil(bytes / ALIGNMENT) * ALIGNMENT
  }
  b.pad()
  for (const t of tensors) {
    b.push(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength))
    b.pad()
  }
  writeFileSync(file, b.concat())
}
