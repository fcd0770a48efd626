import {describe, expect, it} from 'vitest'
import {StreamFilter} from '../../../src/agent/interactive/stream-filter.js'

const feed = (chunks: string[]) => {
  const filter = new StreamFilter()
  return chunks.map((c) => filter.push(c)).join('') + filter.end()
}

describe('StreamFilter', () => {
  it('passes plain text through as it comes', () => {
    const filter = new StreamFilter()
    expect(filter.push('Hello ')).toBe('Hello ')
    expect(filter.push('world.')).toBe('world.')
    expect(filter.end()).toBe('')
  })

  it('stops at a tool call printed as text, even one split across chunks', () => {
    expect(feed(['Let me look.\n<to', 'ol_call>\n{"name": "read"}', '</tool_call>'])).toBe('Let me look.\n')
    expect(feed(['Reading.', '<function=read>', '<parameter=path>a</parameter>'])).toBe('Reading.')
  })

  it('holds back a possible marker start and lets it go when it was none', () => {
    const filter = new StreamFilter()
    expect(filter.push('a <')).toBe('a ')
    expect(filter.push('b> c')).toBe('<b> c')
    expect(filter.push('x [TOOL')).toBe('x ')
    expect(filter.end()).toBe('[TOOL')
  })
})
