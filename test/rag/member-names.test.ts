import {describe, expect, it} from 'vitest'
import {buildIndex} from '../../src/rag/build-index.js'
import {CodeSearch} from '../../src/rag/code-search.js'
import {tempRepo} from '../agent/temp-repo.js'

// `#private` and `[computed]` members are found by their bare names (issue 25 defect 5): the file that defines
// `#shouldProxy` comes before a file that only calls it, more often.

const FILES = {
  'lib/handler.js': [
    'const kRetryHandlerDefaultRetry = Symbol("retry")',
    'export class RetryHandler {',
    '  #shouldProxy(origin) {',
    ...Array.from(
      {length: 40},
      (_, i) => `    if (origin.port === ${i}) return this.table.lookup(origin.hostname, ${i})`,
    ),
    '    return origin.startsWith("http")',
    '  }',
    '  [kRetryHandlerDefaultRetry](err, state, cb) {',
    '    cb(err)',
    '  }',
    ...Array.from({length: 12}, (_, i) => `  onEvent${i}(event) {\n    return this.emit('event${i}', event)\n  }`),
    '}',
    '',
  ].join('\n'),
  'lib/dispatcher.js': ['dispatch', 'redirect', 'retry']
    .map((name) =>
      [
        `export function ${name}(handler, origin) {`,
        '  if (handler.shouldProxy(origin) && handler.shouldProxy(origin.host)) handler.shouldProxy(origin)',
        '  return handler[kRetryHandlerDefaultRetry](handler[kRetryHandlerDefaultRetry])',
        '}',
      ].join('\n'),
    )
    .join('\n'),
}

describe('member names', () => {
  it('#private and [computed] methods are found first by their bare names', async () => {
    const root = await tempRepo(FILES)
    await buildIndex({root})
    const search = await CodeSearch.open(root)
    try {
      const proxy = await search.search('shouldProxy', {mode: 'lexical'})
      expect(proxy.files.map((f) => f.path)).toEqual(['lib/handler.js', 'lib/dispatcher.js'])
      expect(proxy.files[0]?.chunks[0]).toMatchObject({
        symbol: 'RetryHandler.#shouldProxy',
        location: 'lib/handler.js:3-45',
      })
      const retry = await search.search('kRetryHandlerDefaultRetry', {mode: 'lexical'})
      expect(retry.files[0]?.chunks[0]).toMatchObject({symbol: 'RetryHandler.[kRetryHandlerDefaultRetry]'})
      expect(retry.files.map((f) => f.path)).toEqual(['lib/handler.js', 'lib/dispatcher.js'])
    } finally {
      search.close()
    }
  })
})
