import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {chunkFile} from '../../src/rag/chunk-file.js'
import {isIgnored, parseGitignore} from '../../src/rag/gitignore.js'
import {skipByContent, skipByName} from '../../src/rag/skip-file.js'

// Chunk boundaries per language on the fixture files in fixtures/rag/langs: each symbol with its kind, qualified
// name and 1-based line range (doc comments above a definition belong to it).

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rag/langs/${name}`, import.meta.url), 'utf8')
const outline = async (name: string) => {
  const r = await chunkFile(name, fixture(name))
  expect(r.fallback).toBe(false)
  return r.chunks.filter((c) => c.symbol).map((c) => `${c.kind} ${c.symbol} ${c.startLine}-${c.endLine}`)
}

describe('chunking by symbol with tree-sitter', () => {
  it('TypeScript: interfaces, types, a class header, methods with their doc comment, functions, arrow functions', async () => {
    expect(await outline('shapes.ts')).toEqual([
      'interface Shape 3-6',
      'type Unit 8-8',
      'class Circle 10-12',
      'method Circle.constructor 13-15',
      'method Circle.area 17-20',
      'function loadShapes 23-25',
      'function perimeter 27-27',
    ])
    const r = await chunkFile('shapes.ts', fixture('shapes.ts'))
    const area = r.chunks.find((c) => c.symbol === 'Circle.area')
    expect(area?.signature).toBe('area(): number')
    expect(area?.text).toMatch(/^ {2}\/\*\* The area of the circle. \*\/\n {2}area\(\): number \{/)
    expect(r.chunks.find((c) => c.symbol === 'loadShapes')?.signature).toBe(
      'export function loadShapes(file: string): Promise<string>',
    )
    expect(r.chunks[0]).toMatchObject({kind: 'module', startLine: 1, text: expect.stringContaining('import')})
  })

  it('TSX and JavaScript', async () => {
    expect(await outline('widget.tsx')).toEqual(['function Widget 3-5'])
    expect(await outline('cart.js')).toEqual([
      'class Cart 3-3',
      'method Cart.constructor 4-6',
      'method Cart.total 8-10',
      'function emptyCart 13-15',
    ])
  })

  it('Python: a class with its docstring header, methods (decorators included), functions', async () => {
    expect(await outline('inventory.py')).toEqual([
      'class Inventory 4-6',
      'method Inventory.__init__ 7-8',
      'method Inventory.count 10-12',
      'function load_inventory 15-17',
    ])
  })

  it('Go: structs, methods named by their receiver, functions', async () => {
    expect(await outline('server.go')).toEqual([
      'struct Server 5-8',
      'method Server.Health 10-12',
      'function NewServer 14-16',
    ])
  })

  it('Rust: structs with doc comments, impl blocks and their methods, functions', async () => {
    expect(await outline('queue.rs')).toEqual([
      'struct Queue 3-6',
      'impl Queue 8-8',
      'method Queue.push 9-11',
      'function drain_all 14-16',
    ])
  })

  it('Java: classes, constructors and methods', async () => {
    expect(await outline('Account.java')).toEqual([
      'class Account 3-5',
      'constructor Account.Account 6-8',
      'method Account.deposit 10-12',
    ])
  })

  it('C and C++: structs, functions, namespaces, classes and out-of-class methods', async () => {
    expect(await outline('matrix.c')).toEqual(['struct matrix 3-6', 'function matrix_trace 8-10'])
    expect(await outline('vec.cpp')).toEqual(['namespace geo 3-4', 'class geo.Vec 5-9', 'method geo.Vec.length 11-13'])
  })

  it('cuts other text into line windows and markdown at its headings', async () => {
    const text = Array.from({length: 120}, (_, i) => `line ${i + 1}`).join('\n')
    const windows = (await chunkFile('notes.txt', text)).chunks
    expect(windows.map((c) => [c.kind, c.startLine, c.endLine])).toEqual([
      ['lines', 1, 50],
      ['lines', 51, 100],
      ['lines', 101, 120],
    ])
    const md = (await chunkFile('README.md', '# Title\nintro\n## Install\nnpm i\n```\n# not a heading\n```\n')).chunks
    expect(md.map((c) => [c.symbol, c.startLine, c.endLine])).toEqual([
      ['Title', 1, 2],
      ['Install', 3, 8],
    ])
  })

  it('falls back to line windows when the grammar cannot make sense of a file, and says so', async () => {
    const r = await chunkFile('broken.ts', '}}}} not ))) <<<< typescript ;;;\n@@@ at ### all !!!\n'.repeat(5))
    expect(r.fallback).toBe(true)
    expect(r.chunks.map((c) => [c.kind, c.startLine, c.endLine])).toEqual([['lines', 1, 11]])
  })

  it('cuts a very long function into windows that keep its name', async () => {
    const body = Array.from({length: 200}, (_, i) => `  const v${i} = ${i}`).join('\n')
    const r = await chunkFile('long.ts', `export function big() {\n${body}\n}\n`)
    expect(r.chunks.map((c) => [c.symbol, c.startLine, c.endLine])).toEqual([
      ['big', 1, 150],
      ['big', 151, 202],
    ])
  })
})

describe('files left out', () => {
  it('names binaries, lockfiles, generated, minified and huge files with the reason', () => {
    expect(skipByName('logo.png', 10)?.reason).toBe('binary')
    expect(skipByName('package-lock.json', 10)).toEqual({reason: 'generated', detail: 'lockfile'})
    expect(skipByName('app.min.js', 10)?.reason).toBe('generated')
    expect(skipByName('big.ts', 5_000_000)).toEqual({reason: 'huge', detail: '5.0 MB > 1 MB'})
    expect(skipByName('src/a.ts', 100)).toBeUndefined()
    expect(skipByContent(Buffer.from([1, 2, 0, 4]))?.reason).toBe('binary')
    expect(skipByContent(Buffer.from('// Code generated by protoc. DO NOT EDIT.\npackage x\n'))?.detail).toBe(
      'marked as generated',
    )
    expect(skipByContent(Buffer.from(`var a=${'1,'.repeat(4000)}1;`))?.detail).toMatch(/^minified/)
    expect(skipByContent(Buffer.from('export const a = 1\n'))).toBeUndefined()
  })

  it('applies .gitignore rules outside a git repository (negation, folders, anchors, **)', () => {
    const rules = [
      ...parseGitignore('# comment\n*.log\n!keep.log\nbuild/\n/only-root.txt\ndocs/**/draft.md\n', ''),
      ...parseGitignore('secret.txt\n', 'sub'),
    ]
    const ignored = (p: string, dir = false) => isIgnored(rules, p, dir)
    expect(ignored('a.log')).toBe(true)
    expect(ignored('x/keep.log')).toBe(false)
    expect(ignored('x/build', true)).toBe(true)
    expect(ignored('x/build')).toBe(false)
    expect(ignored('only-root.txt')).toBe(true)
    expect(ignored('x/only-root.txt')).toBe(false)
    expect(ignored('docs/a/b/draft.md')).toBe(true)
    expect(ignored('sub/secret.txt')).toBe(true)
    expect(ignored('secret.txt')).toBe(false)
  })
})
