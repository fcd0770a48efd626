export function sumBy(items, f) {
  return items.reduce((total, item) => total + f(item), 0)
}

export function groupBy(items, key) {
  const groups = new Map()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return groups
}

export function uniqBy(items, key) {
  const seen = new Set()
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)))
}
