import {extname} from 'node:path'

// Which tree-sitter grammar parses which file, and which of its nodes are the symbols we cut chunks at. Node type
// names come from each grammar's node-types.json (tree-sitter-wasms 0.1.13 builds of the upstream grammars).

export interface LanguageSpec {
  /** The grammar's file in tree-sitter-wasms/out: tree-sitter-<grammar>.wasm. */
  grammar: string
  /** Definitions that become one chunk each, by node type → kind. */
  defs: Record<string, string>
  /** Scopes whose members become their own chunks (class, impl, namespace), by node type → kind. */
  containers: Record<string, string>
  /** Nodes that wrap a definition and belong to its chunk (export, decorators, templates). */
  wrappers: string[]
}

const TS_DEFS = {
  function_declaration: 'function',
  generator_function_declaration: 'function',
  method_definition: 'method',
  abstract_method_signature: 'method',
  interface_declaration: 'interface',
  type_alias_declaration: 'type',
  enum_declaration: 'enum',
  lexical_declaration: 'function',
  variable_declaration: 'function',
}
const TS_CONTAINERS = {
  class_declaration: 'class',
  abstract_class_declaration: 'class',
  internal_module: 'namespace',
}
const typescript = (grammar: string): LanguageSpec => ({
  grammar,
  defs: TS_DEFS,
  containers: TS_CONTAINERS,
  wrappers: ['export_statement'],
})
const c: LanguageSpec = {
  grammar: 'c',
  defs: {function_definition: 'function', type_definition: 'type', struct_specifier: 'struct', enum_specifier: 'enum'},
  containers: {},
  wrappers: [],
}
const cpp: LanguageSpec = {
  grammar: 'cpp',
  defs: {function_definition: 'function', type_definition: 'type', enum_specifier: 'enum', alias_declaration: 'type'},
  containers: {class_specifier: 'class', struct_specifier: 'struct', namespace_definition: 'namespace'},
  wrappers: ['template_declaration'],
}

const BY_EXTENSION: Record<string, LanguageSpec> = {
  '.ts': typescript('typescript'),
  '.mts': typescript('typescript'),
  '.cts': typescript('typescript'),
  '.tsx': typescript('tsx'),
  '.js': typescript('javascript'),
  '.mjs': typescript('javascript'),
  '.cjs': typescript('javascript'),
  '.jsx': typescript('javascript'),
  '.py': {
    grammar: 'python',
    defs: {function_definition: 'function'},
    containers: {class_definition: 'class'},
    wrappers: ['decorated_definition'],
  },
  '.go': {
    grammar: 'go',
    defs: {function_declaration: 'function', method_declaration: 'method', type_declaration: 'type'},
    containers: {},
    wrappers: [],
  },
  '.rs': {
    grammar: 'rust',
    defs: {
      function_item: 'function',
      function_signature_item: 'function',
      struct_item: 'struct',
      enum_item: 'enum',
      type_item: 'type',
      macro_definition: 'macro',
    },
    containers: {impl_item: 'impl', trait_item: 'trait', mod_item: 'module'},
    wrappers: [],
  },
  '.java': {
    grammar: 'java',
    defs: {method_declaration: 'method', constructor_declaration: 'constructor'},
    containers: {
      class_declaration: 'class',
      interface_declaration: 'interface',
      enum_declaration: 'enum',
      record_declaration: 'record',
    },
    wrappers: [],
  },
  '.c': c,
  '.h': c,
  '.cc': cpp,
  '.cpp': cpp,
  '.cxx': cpp,
  '.hh': cpp,
  '.hpp': cpp,
  '.hxx': cpp,
}

/** The language of a file by its extension, or undefined for text cut into line windows. */
export function languageOf(path: string): LanguageSpec | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()]
}
