import {Args, Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import type {IndexReport} from '../rag/build-index.js'

export default class IndexCode extends OacCommand {
  // `oac index` is the name the README and the examples use; help lists the command once (issue 27 row 17).
  static override hiddenAliases = ['index']
  static override summary =
    'Index a codebase for search (`oac index`): tree-sitter chunks in LanceDB, full-text and vectors.'
  static override description =
    `Chunks the project (the git root of the current folder, or PATH) by symbol with tree-sitter for
TypeScript/TSX, JavaScript, Python, Go, Rust, Java and C/C++, by heading for markdown and by line windows for other
text; .gitignore is respected; secrets (.env*, keys, credential stores, whatever .gitignore says), symlinks out of the
project, binaries, generated and huge files are skipped and listed with the reason. The index lives in
PATH/.oac/index. Without --endpoint/--engine it is lexical, or keeps the endpoint and model it was built with; adding
an endpoint later keeps the lexical part, and chunks an endpoint that was down left without vectors are counted and
embedded by the next run. Runs are incremental by content hash; --watch keeps the index current; Ctrl-C keeps what
was indexed. A damaged index is reported (exit 2) with --rebuild as the fix.
Exit 0: done; 1: the embedding endpoint failed; 2: bad input (not a folder, damaged index, wrong dimension); 130: interrupted.`
  static override examples = [
    '<%= config.bin %> index',
    '<%= config.bin %> index ~/src/app --endpoint http://127.0.0.1:8001/v1 --model nomic-embed-text-v1.5',
    '<%= config.bin %> index --watch',
    '<%= config.bin %> index --rebuild --json',
  ]
  static override args = {
    path: Args.string({description: 'folder to index (default: the git root of the current folder)'}),
  }
  static override flags = {
    endpoint: Flags.string({description: 'OpenAI base URL of an embedding model (with or without /v1)'}),
    engine: Flags.string({description: 'a registered embedding endpoint (name or id) instead of --endpoint'}),
    model: Flags.string({description: 'embedding model id as the server serves it'}),
    watch: Flags.boolean({default: false, description: 're-index on every change until Ctrl-C'}),
    rebuild: Flags.boolean({default: false, description: 'delete the index and build it again'}),
    reembed: Flags.boolean({default: false, description: 'replace all vectors (another embedding model)'}),
    json: Flags.boolean({default: false, description: 'print the report as JSON'}),
  }

  async run(): Promise<IndexReport> {
    const {args, flags} = await this.parse(IndexCode)
    const {runIndexCommand} = await import('../rag/index-command.js')
    return runIndexCommand(
      {...flags, path: args.path},
      (line) => this.log(line),
      (line) => this.logToStderr(line),
    )
  }
}
