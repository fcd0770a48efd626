// Values as BFCL's checker sees them. BFCL's checker is Python: it compares the model's arguments (after
// `json.loads`) with the possible answers by Python type and Python equality. These helpers give oac the same view
// of a JSON value. Source: ShishirPatil/gorilla, berkeley-function-call-leaderboard/bfcl_eval/eval_checker/
// ast_eval/ast_checker.py (`PYTHON_TYPE_MAPPING`, `standardize_string`, `type_checker`).

/** The Python type a JSON value has once loaded: what BFCL's `type(value)` compares. */
export type PyType = 'str' | 'int' | 'float' | 'bool' | 'list' | 'dict' | 'set' | 'none'

/**
 * JSON parsing loses the difference between `1` and `1.0`: this reads an integral number as `int`. The model's own
 * arguments are read with float-paths.ts, which marks numbers written as floats, as Python's json.loads would.
 */
export function pyType(v: unknown): PyType {
  if (v === null || v === undefined) return 'none'
  if (typeof v === 'string') return 'str'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float'
  if (Array.isArray(v)) return 'list'
  return 'dict'
}

/** BFCL's parameter types for Python entries; a type it does not list is treated as a string. */
export const PYTHON_TYPES: Record<string, PyType> = {
  string: 'str',
  integer: 'int',
  float: 'float',
  boolean: 'bool',
  array: 'list',
  tuple: 'list',
  dict: 'dict',
  any: 'str',
}

/** Python's `==` on loaded JSON: numbers compare by value (1 == 1.0), containers element by element. */
export function pyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEqual(x, b[i]))
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a)
    const ra = a as Record<string, unknown>
    const rb = b as Record<string, unknown>
    return ka.length === Object.keys(b).length && ka.every((k) => k in rb && pyEqual(ra[k], rb[k]))
  }
  return a === b
}

export const pyIn = (value: unknown, list: unknown[]) => list.some((x) => pyEqual(value, x))

/**
 * BFCL forgives formatting in strings: spaces and the characters `,./-_*^` are dropped, case is folded, and single
 * quotes count as double quotes, so "April 1, 2024" matches "april 1 2024".
 */
export function standardize(s: string): string {
  return s
    .replace(/[ ,./\-_*^]/g, '')
    .toLowerCase()
    .replaceAll("'", '"')
}

/** A value as Python's `repr` would show it, for failure reasons. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v)
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}
