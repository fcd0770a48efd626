#!/usr/bin/env node
// Fails when a module under src/ imports itself through a chain of imports (static, type-only or dynamic
// `import()`): the rooms of src/ point one way (docs/ARCHITECTURE.md). Run by `npm test`; prints each cycle found.
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'

const root = resolve(dirname(new URL(import.meta.url).pathname), '..')
const src = join(root, 'src')

function files(dir) {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g
const graph = new Map()
for (const file of files(src)) {
  const text = readFileSync(file, 'utf8')
  const deps = new Set()
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2]
    deps.add(resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
  }
  graph.set(
    file,
    [...deps].filter((d) => d !== file),
  )
}

// Tarjan's strongly connected components: every component with more than one module is a cycle.
let index = 0
const stack = []
const state = new Map()
const cycles = []
function visit(v) {
  state.set(v, {index, low: index, onStack: true})
  index++
  stack.push(v)
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue
    if (!state.has(w)) {
      visit(w)
      state.get(v).low = Math.min(state.get(v).low, state.get(w).low)
    } else if (state.get(w).onStack) state.get(v).low = Math.min(state.get(v).low, state.get(w).index)
  }
  if (state.get(v).low === state.get(v).index) {
    const component = []
    let w
    do {
      w = stack.pop()
      state.get(w).onStack = false
      component.push(w)
    } while (w !== v)
    if (component.length > 1) cycles.push(component.map((f) => relative(root, f)).sort())
  }
}
for (const v of graph.keys()) if (!state.has(v)) visit(v)

if (cycles.length) {
  for (const c of cycles) console.error(`import cycle: ${c.join(' <-> ')}`)
  console.error(`${cycles.length} import cycle(s) in src/`)
  process.exit(1)
}
console.log(`no import cycle in src/ (${graph.size} modules)`)
