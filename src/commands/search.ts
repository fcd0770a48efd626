import {Args, Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import type {SearchAnswer, SearchMode} from '../rag/code-search.js'

export default class Search extends OacCommand {
  static override summary = 'Search the code index: full-text and vector, fused by rank, exact names first.'
  static override description =
    `Answers from the index \`oac index\` built (the nearest .oac/index above the current folder). Hybrid by
default: full-text and vector results fused by reciprocal rank, with a boost for an exact symbol or file name. Each
result is path:start-end, symbol, score and a snippet. A lexical-only index (or an embedding endpoint that is down)
answers lexically and says so. The query is embedded by the endpoint the index was built with unless --endpoint or
--engine names another.
Exit 0: answered; 1: the embedding endpoint failed (vector mode); 2: no index, corrupt index or bad input.`
  static override examples = [
    '<%= config.bin %> search "where are retries of embedding requests handled"',
    '<%= config.bin %> search resolveTarget --k 3',
    '<%= config.bin %> search "parse nvidia-smi output" --mode lexical --json',
  ]
  static override args = {query: Args.string({required: true, description: 'what to look for, in words or names'})}
  static override flags = {
    k: Flags.integer({default: 10, min: 1, max: 100, description: 'results to return'}),
    mode: Flags.string({options: ['hybrid', 'lexical', 'vector'], default: 'hybrid'}),
    json: Flags.boolean({default: false, description: 'print the answer as JSON'}),
    endpoint: Flags.string({
      description: 'embedding endpoint for the query (default: the one the index was built with)',
    }),
    engine: Flags.string({description: 'a registered embedding endpoint instead of --endpoint'}),
    model: Flags.string({description: 'embedding model id'}),
  }

  async run(): Promise<SearchAnswer> {
    const {args, flags} = await this.parse(Search)
    const {CodeSearch} = await import('../rag/code-search.js')
    const {findIndexRoot} = await import('../rag/find-index.js')
    const {embedderFromFlags} = await import('../rag/index-target.js')
    const {renderSearchAnswer} = await import('../rag/render-search.js')
    const search = await CodeSearch.open(await findIndexRoot(process.cwd()), embedderFromFlags(flags))
    try {
      const answer = await search.search(args.query, {k: flags.k, mode: flags.mode as SearchMode})
      this.log(flags.json ? JSON.stringify(answer) : renderSearchAnswer(answer))
      return answer
    } finally {
      search.close()
    }
  }
}
