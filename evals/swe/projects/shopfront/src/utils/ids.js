let counter = 0

// Short sortable ids: prefix, time, counter.
export function newId(prefix) {
  counter += 1
  return `${prefix}_${Date.now().toString(36)}${counter.toString(36).padStart(4, '0')}`
}
