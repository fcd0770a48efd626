// Collects log lines in memory (tests read them); `quiet` drops debug lines.
export function createLogger({quiet = true} = {}) {
  const lines = []
  const log = (level) => (message) => {
    if (quiet && level === 'debug') return
    lines.push(`${level} ${message}`)
  }
  return {lines, debug: log('debug'), info: log('info'), warn: log('warn')}
}
