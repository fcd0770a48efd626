// One line per flag: `  -p, --port <number>  (default: 8080)`.
export function usage(spec) {
  return Object.entries(spec.flags ?? {})
    .map(([name, def]) => {
      const short = def.alias ? `-${def.alias}, ` : '    '
      const value = def.type === 'boolean' ? '' : ` <${def.type}>`
      const fallback = def.default !== undefined ? `  (default: ${def.default})` : ''
      return `  ${short}--${name}${value}${fallback}`
    })
    .join('\n')
}
