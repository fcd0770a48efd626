import {Args, Flags} from '@oclif/core'
import {abortOnCtrlC, stoppedExit} from '../../cli/ctrl-c.js'
import {OacCommand} from '../../cli/oac-command.js'
import type {RetrievalReport} from '../../evals/retrieval/run-retrieval.js'

export default class EvalRetrieval extends OacCommand {
  static override summary = 'Measure code search on your own repository: recall@5, recall@10 and MRR beside BM25.'
  static override description =
    `Asks the code index (oac index, brought up to date first) questions about this repository and scores the files
it returns: by default the questions come from the history (each commit's subject and body; the source files it
changed are the answer, as SWE-bench scores localisation), or from --questions FILE (a JSON array of
{"q": "...", "gold": ["path"]}). Every mode the index supports (lexical; vector and hybrid with embeddings) is shown
beside a plain file-level BM25 over the same files. The run is saved: oac report shows it, oac gate fails on a
regression, and oac route pick prefers the embedding model that retrieves best here.
Exit 0: measured; 1: the embedding endpoint failed; 2: bad input or no questions; 130: interrupted.`
  static override examples = [
    '<%= config.bin %> eval retrieval',
    '<%= config.bin %> eval retrieval ~/src/app --limit 100 --endpoint http://127.0.0.1:8001/v1 --model nomic-embed-text-v1.5',
    '<%= config.bin %> eval retrieval --questions my-questions.json --json',
  ]
  static override enableJsonFlag = true
  static override args = {path: Args.string({description: 'repository to evaluate (default: the current git root)'})}
  static override flags = {
    questions: Flags.string({description: 'JSON file of [{"q", "gold": [paths]}] instead of questions from history'}),
    limit: Flags.integer({default: 50, min: 1, max: 1000, description: 'questions mined from history, at most'}),
    endpoint: Flags.string({description: 'embedding endpoint (default: the one the index was built with)'}),
    engine: Flags.string({description: 'a registered embedding endpoint instead of --endpoint'}),
    model: Flags.string({description: 'embedding model id'}),
    save: Flags.boolean({default: true, allowNo: true, description: 'save the run to the results store'}),
  }

  async run(): Promise<RetrievalReport> {
    const {args, flags} = await this.parse(EvalRetrieval)
    const {toRetrievalOptions} = await import('../../evals/retrieval/parse-flags.js')
    const {runRetrievalEval} = await import('../../evals/retrieval/run-retrieval.js')
    const {renderRetrieval} = await import('../../evals/retrieval/render.js')
    const {progressBar} = await import('../../cli/progress.js')
    const options = await toRetrievalOptions({...flags, path: args.path})
    const signal = abortOnCtrlC()
    const progress = progressBar(Boolean(flags.json) || !process.stderr.isTTY, `Indexing ${options.root}`)
    const report = await runRetrievalEval({
      ...options,
      signal,
      onEvent: (e) => {
        if (e.type === 'start') progress.phase('Asking the index', e.total)
        else if (e.type === 'progress') progress.update(e.done, `${e.done} questions`)
      },
    }).finally(() => progress.stop())
    if (!flags.json) this.log(renderRetrieval(report))
    if (report.status === 'partial') process.exitCode = stoppedExit(signal)
    return report
  }
}
