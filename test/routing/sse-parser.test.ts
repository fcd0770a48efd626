import {describe, expect, it} from 'vitest'
import {SseParser} from '../../src/routing/router/wire/sse-parser.js'

// The router's incremental SSE reader: events complete only at a blank line, whatever the chunking.

const feed = (chunks: string[]) => {
  const parser = new SseParser()
  return chunks.map((c) => parser.push(c))
}

describe('SseParser', () => {
  it('returns the events each chunk completes, keeping a partial event for the next chunk', () => {
    expect(feed(['data: {"a":1}\n\ndata: {"b"', ':2}\n', '\ndata: [DONE]\n\n'])).toEqual([
      [{data: '{"a":1}'}],
      [],
      [{data: '{"b":2}'}, {data: '[DONE]'}],
    ])
  })

  it('reads event names, multi-line data, comments and fields without a space after the colon', () => {
    expect(
      feed([': keep-alive\n\nevent: message_start\ndata: {"x":1}\n\ndata: one\ndata:two\n\nevent: ping\n\n']),
    ).toEqual([[{event: 'message_start', data: '{"x":1}'}, {data: 'one\ntwo'}]])
  })

  it('accepts CRLF line ends, also when a CR and its LF arrive in different chunks', () => {
    expect(feed(['data: a\r\n\r', '\ndata: b\r\n', '\r\n'])).toEqual([[], [{data: 'a'}], [{data: 'b'}]])
  })

  it('finds a block end that straddles two chunks', () => {
    expect(feed(['data: a\n', '\ndata: b\n\n'])).toEqual([[], [{data: 'a'}, {data: 'b'}]])
  })
})
