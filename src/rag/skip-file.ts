import {basename} from 'node:path'
import {secretContent, secretFileReason} from '../util/secret-files.js'
import type {SkipReason} from './types.js'

// Files an index should not hold: secrets (dotenv, keys, credential stores: never read, whatever .gitignore says),
// binaries, generated files (lockfiles, minified bundles, files that say they are generated) and huge files. Each is reported with the reason, so a user can see why a file is not found.

export const MAX_FILE_BYTES = 1_000_000
const LOCKFILES = new Set([
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  'uv.lock',
  'composer.lock',
  'Gemfile.lock',
])
const GENERATED_NAME = /\.(min\.(js|css)|map|snap|pb\.go|lock)$|_pb2\.py$|\.generated\.\w+$/
/** Go's convention (https://go.dev/s/generatedcode) and the `@generated` marker many tools write. */
const GENERATED_MARK = /^.{0,8}(Code generated .* DO NOT EDIT|@generated\b)/m
const BINARY_EXT =
  /\.(png|jpe?g|gif|webp|ico|bmp|pdf|zip|gz|tgz|bz2|xz|7z|jar|class|so|dylib|dll|exe|o|a|wasm|gguf|bin|safetensors|pt|onnx|woff2?|ttf|otf|mp[34]|mov|sqlite|db)$/i

export interface SkipVerdict {
  reason: SkipReason
  detail: string
}

/** Why a file is left out by its name and size alone (before reading it), or undefined. */
export function skipByName(path: string, size: number): SkipVerdict | undefined {
  const name = basename(path)
  const secret = secretFileReason(path)
  if (secret) return {reason: 'secret', detail: secret}
  if (BINARY_EXT.test(name)) return {reason: 'binary', detail: 'binary file type'}
  if (LOCKFILES.has(name)) return {reason: 'generated', detail: 'lockfile'}
  if (GENERATED_NAME.test(name)) return {reason: 'generated', detail: 'generated file name'}
  if (size > MAX_FILE_BYTES)
    return {reason: 'huge', detail: `${(size / 1e6).toFixed(1)} MB > ${MAX_FILE_BYTES / 1e6} MB`}
  return undefined
}

/** Why a file is left out by its content, or undefined. */
export function skipByContent(bytes: Buffer): SkipVerdict | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return {reason: 'binary', detail: 'NUL bytes in the first 8 kB'}
  const secret = secretContent(bytes.subarray(0, 64_000).toString('latin1'))
  if (secret) return {reason: 'secret', detail: secret}
  const head = bytes.subarray(0, 2000).toString('utf8')
  if (GENERATED_MARK.test(head)) return {reason: 'generated', detail: 'marked as generated'}
  const lines = bytes.length ? bytes.toString('utf8').split('\n').length : 1
  if (bytes.length > 5000 && bytes.length / lines > 500)
    return {reason: 'generated', detail: `minified (${Math.round(bytes.length / lines)} characters a line)`}
  return undefined
}
