import {Args, Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import type {SearchAnswer, SearchMode} from '../rag/code-search.js'
import type {KindPreference as Prefer} from '../rag/file-kind.js'

export default class Search extends OacCommand {
  static override summary = 'Search the code index: the files that answer a question, best first, with their chunks.'
  static override description =
    `Answers from the index \`oac index\` built (the nearest .oac/index above the current folder). Files are
ranked by full-text evidence over whole files and over single symbols, by vectors when the index has them (hybrid by
default), and by symbol and file names the query spells as identifiers (camelCase, snake_case, #private, call()).
Source comes first; docs, tests and type declarations are ranked after it and marked, unless the query asks for them
or --prefer says otherwise. --k counts files; each file shows its best chunks (path:start-end, symbol, snippet). A
lexical-only index, or an embedding endpoint that is down (skipped for a minute after one failure), answers
lexically and says so. The query is embedded by the endpoint the index was built with unless --endpoint or --engine
names another.
Exit 0: answered; 1: the embedding endpoint failed (vector mode); 2: no index, damaged index or bad input.`
  static override examples = [
    '<%= config.bin %> search "where are retries of embedding requests handled"',
    '<%= config.bin %> search resolveTarget --k 3',
    '<%= config.bin %> search "parse nvidia-smi output" --mode lexical --json',
    '<%= config.bin %> search "how to configure the router" --prefer docs',
  ]
  static override args = {query: Args.string({required: true, description: 'what to look for, in words or names'})}
  static override flags = {
    k: Flags.integer({default: 10, min: 1, max: 100, description: 'files to return'}),
    chunks: Flags.integer({default: 3, min: 1, max: 20, description: 'chunks shown under each file'}),
    mode: Flags.string({options: ['hybrid', 'lexical', 'vector'], default: 'hybrid'}),
    prefer: Flags.string({
      options: ['code', 'docs', 'tests', 'any'],
      default: 'code',
      description: 'which files come first (any: rank every kind alike)',
    }),
    json: Flags.boolean({default: false, description: 'print the answer as JSON'}),
    endpoint: Flags.string({description: "embedding endpoint for the query (default: the index's own)"}),
    engine: Flags.string({description: 'a registered embedding endpoint instead of --endpoint'}),
    model: Flags.string({description: 'embedding model id'}),
  }

  async run(): Promise<SearchAnswer> {
    const {args, flags} = await this.parse(Search)
    const {CodeSearch, QUERY_EMBEDDER} = await import('../rag/code-search.js')
    const {findIndexRoot} = await import('../rag/find-index.js')
    const {embedderFromFlags} = await import('../rag/index-target.js')
    const {renderSearchAnswer} = await import('../rag/render-search.js')
    const search = await CodeSearch.open(await findIndexRoot(process.cwd()), embedderFromFlags(flags, QUERY_EMBEDDER))
    try {
      const o = {k: flags.k, chunksPerFile: flags.chunks, mode: flags.mode as SearchMode}
      const answer = await search.search(args.query, {...o, prefer: flags.prefer as Prefer})
      this.log(flags.json ? JSON.stringify(answer) : renderSearchAnswer(answer))
      return answer
    } finally {
      search.close()
    }
  }
}
