// Which numbers in a JSON text were written as floats (`2.0`, `1e3`): Python's json.loads gives them type float
// even when integral, and BFCL's type check tells float from int, while JSON.parse cannot. Paths are JSON pointers
// ("/param", "/param/0"). A text that is not valid JSON gives an empty set (it is rejected elsewhere).

export function floatPaths(text: string): Set<string> {
  const out = new Set<string>()
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++
  }
  const string = (): string => {
    const start = i
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    return JSON.parse(text.slice(start, i)) as string
  }
  const value = (path: string): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        const key = string()
        ws()
        i++ // ':'
        value(`${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`)
        ws()
        if (text[i++] === '}') return
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (let n = 0; ; n++) {
        value(`${path}/${n}`)
        ws()
        if (text[i++] === ']') return
      }
    }
    if (c === '"') {
      string()
      return
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (m) {
      if (m[1] || m[2]) out.add(path)
      i += m[0].length
      return
    }
    const word = /^(true|false|null)/.exec(text.slice(i))
    if (!word) throw new Error('not JSON')
    i += word[0].length
  }
  try {
    value('')
  } catch {
    return new Set()
  }
  return out
}
