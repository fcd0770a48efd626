import type {Node} from 'web-tree-sitter'
import type {LanguageSpec} from './languages.js'
import type {Chunk} from './types.js'

// Cuts a parsed file at its symbols: each function, method and type is a chunk with its qualified name
// (`Class.method`), its signature and the doc comment above it; a class keeps its header (declaration and fields up
// to the first member) as a chunk of its own. Definitions longer than MAX_LINES are cut into windows.

export const MAX_LINES = 150
const NAME_TYPES = new Set([
  'identifier',
  'field_identifier',
  'type_identifier',
  'qualified_identifier',
  'destructor_name',
  'operator_name',
  'property_identifier',
])
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function'])

/** A definition found in the tree, before it becomes text. */
export interface Definition {
  symbol: string
  kind: string
  signature: string
  /** 0-based rows, inclusive. */
  start: number
  end: number
}

function declaratorName(node: Node): string | undefined {
  let d: Node | null = node.childForFieldName('declarator')
  while (d) {
    if (NAME_TYPES.has(d.type)) return d.text
    d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c && NAME_TYPES.has(c.type)) ?? null
  }
  return undefined
}

/** The name of a definition, or undefined when the node is not one after all (`const x = 1`). */
function nameOf(node: Node): string | undefined {
  if (node.type === 'lexical_declaration' || node.type === 'variable_declaration') {
    const decl = node.namedChildren.find((c) => c?.type === 'variable_declarator')
    const value = decl?.childForFieldName('value')
    return value && FUNCTION_VALUES.has(value.type) ? decl?.childForFieldName('name')?.text : undefined
  }
  if (node.type === 'impl_item') {
    const type = node.childForFieldName('type')?.text
    const trait = node.childForFieldName('trait')?.text
    return type && trait ? `${trait} for ${type}` : type
  }
  if (node.type === 'type_declaration') {
    return node.namedChildren
      .find((c) => c?.type === 'type_spec' || c?.type === 'type_alias')
      ?.childForFieldName('name')?.text
  }
  if (node.type === 'method_declaration' && node.childForFieldName('receiver')) {
    const receiver = /(\w+)(\[[^\]]*\])?\s*\)$/.exec(node.childForFieldName('receiver')?.text ?? '')?.[1]
    const name = node.childForFieldName('name')?.text
    return receiver && name ? `${receiver}.${name}` : name
  }
  if ((node.type === 'struct_specifier' || node.type === 'enum_specifier') && !node.childForFieldName('body'))
    return undefined
  return node.childForFieldName('name')?.text ?? declaratorName(node)
}

function kindOf(node: Node, base: string, inScope: boolean): string {
  if (node.type === 'type_declaration') {
    const t = node.namedChildren.find((c) => c?.type === 'type_spec')?.childForFieldName('type')?.type
    if (t === 'struct_type') return 'struct'
    if (t === 'interface_type') return 'interface'
  }
  return base === 'function' && inScope ? 'method' : base
}

function signatureOf(outer: Node, node: Node): string {
  const body = node.childForFieldName('body')
  const source = outer.text
  const cut = body ? body.startIndex - outer.startIndex : source.indexOf('\n')
  const head = cut > 0 ? source.slice(0, cut) : source
  const oneLine = head.replace(/\s+/g, ' ').trim()
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine
}

/** The first row of a definition, moved up over the comments right above it (doc comments, attributes). */
function startWithComments(outer: Node): number {
  let start = outer.startPosition.row
  let prev = outer.previousNamedSibling
  while (prev && /comment|attribute_item/.test(prev.type) && prev.endPosition.row >= start - 1) {
    start = prev.startPosition.row
    prev = prev.previousNamedSibling
  }
  return start
}

/** Walks the tree and lists its definitions in source order. */
export function findDefinitions(root: Node, spec: LanguageSpec): Definition[] {
  const out: Definition[] = []
  const visit = (node: Node, scope: string[]) => {
    for (const child of node.namedChildren) {
      if (!child) continue
      let inner = child
      while (spec.wrappers.includes(inner.type)) {
        const wrapped = inner.namedChildren.find((c) => c && (c.type in spec.defs || c.type in spec.containers))
        if (!wrapped) break
        inner = wrapped
      }
      const def = spec.defs[inner.type]
      const container = spec.containers[inner.type]
      const name = def || container ? nameOf(inner) : undefined
      if (!name) {
        if (inner === child && child.namedChildCount > 0 && !def) visit(child, scope)
        continue
      }
      const symbol = [...scope, name.replaceAll('::', '.')].join('.')
      const start = startWithComments(child)
      const signature = signatureOf(child, inner)
      if (def) {
        out.push({symbol, kind: kindOf(inner, def, scope.length > 0), signature, start, end: child.endPosition.row})
        continue
      }
      const body = inner.childForFieldName('body') ?? inner
      const before = out.length
      visit(body, [...scope, name])
      const firstMember = out[before]?.start
      const headerEnd = firstMember !== undefined ? Math.max(start, firstMember - 1) : child.endPosition.row
      out.splice(before, 0, {symbol, kind: container as string, signature, start, end: headerEnd})
    }
  }
  visit(root, [])
  return out
}

/** Chunks of a file from its definitions; the lines between them (imports, constants) go to `gaps`. */
export function definitionChunks(
  path: string,
  lines: string[],
  defs: Definition[],
): {chunks: Chunk[]; gaps: number[][]} {
  const covered = new Uint8Array(lines.length)
  const chunks: Chunk[] = []
  for (const d of defs) {
    for (let from = d.start; from <= d.end; from += MAX_LINES) {
      const to = Math.min(d.end, from + MAX_LINES - 1)
      const text = lines.slice(from, to + 1).join('\n')
      chunks.push({
        path,
        symbol: d.symbol,
        kind: d.kind,
        signature: d.signature,
        startLine: from + 1,
        endLine: to + 1,
        text,
      })
    }
    covered.fill(1, d.start, d.end + 1)
  }
  const gaps: number[][] = []
  let run: number[] = []
  for (let i = 0; i < lines.length; i++) {
    if (covered[i]) {
      if (run.length) gaps.push(run)
      run = []
    } else run.push(i)
  }
  if (run.length) gaps.push(run)
  return {chunks, gaps}
}
