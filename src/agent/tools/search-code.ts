import type {CodeSearch} from '../../rag/code-search.js'
import {defineTool, ToolError} from './tool.js'

// search_code: the project's code index (`oac index`) for the agent. Offered only when the project has an index;
// one search costs the model one turn instead of several rounds of grep. The index opens on the first call.

const MAX_K = 20

/**
 * The tool for the index of `root`; `close` releases the index when the session ends. A notice of the search (how to
 * add embeddings) goes to `notify` once, for the user; the model gets only the hits.
 */
export function searchCodeTool(root: string, notify: (message: string) => void = () => {}) {
  let opened: Promise<CodeSearch> | undefined
  const told = new Set<string>()
  const tool = defineTool<{query: string; k?: number}>({
    name: 'search_code',
    description: 'Search the code index by meaning or name; returns files with path:start-end, symbol and snippet.',
    parameters: {
      type: 'object',
      properties: {query: {type: 'string'}, k: {type: 'integer', description: 'files (default 5)'}},
      required: ['query'],
      additionalProperties: false,
    },
    async run({query, k}, {signal}) {
      if (!query.trim()) throw new ToolError('Give a query: words describing the code, or a name.')
      const [{CodeSearch}, {renderHitsForModel}] = await Promise.all([
        import('../../rag/code-search.js'),
        import('../../rag/render-hits.js'),
      ])
      opened ??= CodeSearch.open(root)
      const search = await opened
      const answer = await search.search(query, {k: Math.min(MAX_K, Math.max(1, k ?? 5)), chunksPerFile: 2, signal})
      if (answer.notice && !told.has(answer.notice)) {
        told.add(answer.notice)
        notify(`search_code: ${answer.notice}`)
      }
      return renderHitsForModel(answer)
    },
  })
  return {
    tool,
    close: async () => {
      if (opened) (await opened.catch(() => undefined))?.close()
    },
  }
}
