import {Flags} from '@oclif/core'
import {abortOnCtrlC} from '../../cli/ctrl-c.js'
import {OacCommand} from '../../cli/oac-command.js'
import type {SweEvent, SweReport} from '../../evals/swe/run-swe.js'

export default class EvalSwe extends OacCommand {
  static override summary =
    'Whole coding tasks judged by hidden tests (SWE-bench rules), for the built-in agent or any other.'
  static override description =
    `Each attempt gets a fresh checkout of base_commit; after the agent stops, its diff is applied to another fresh
checkout, the files test_patch touches are reset, and FAIL_TO_PASS and PASS_TO_PASS run. Without --dataset it runs
the shipped suite (evals/swe/, 31 tasks). --agent cmd:TEMPLATE runs any agent: {workspace} {problem_file} {endpoint}
{model} are filled in (and OPENAI_BASE_URL, OPENAI_MODEL are set). Exit 0: all resolved; 1: some not resolved;
2: bad input; 130: interrupted (finished instances kept, --resume RUN_ID finishes the run).`
  static override examples = [
    '<%= config.bin %> eval swe --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder -j 2',
    '<%= config.bin %> eval swe --engine rtx5090-primary --agent \'cmd:qwen -p "$(cat {problem_file})" --yolo\'',
    '<%= config.bin %> eval swe --dataset tasks.jsonl --repos ./repos --endpoint http://127.0.0.1:8000 --model m --json',
    '<%= config.bin %> eval swe --resume 12',
  ]
  static override enableJsonFlag = true
  static override flags = {
    endpoint: Flags.string({description: 'OpenAI base URL (with or without /v1)'}),
    engine: Flags.string({description: 'a registered endpoint (name or id) instead of --endpoint'}),
    model: Flags.string({description: 'model id as the server serves it'}),
    dataset: Flags.string({description: 'SWE-bench-style JSONL (default: the shipped suite)'}),
    repos: Flags.string({description: 'folder of the git repositories (owner__name or the repo path)'}),
    agent: Flags.string({default: 'builtin', description: "builtin, or 'cmd:TEMPLATE'"}),
    instances: Flags.string({description: 'comma-separated instance ids'}),
    limit: Flags.integer({min: 1, description: 'first N instances'}),
    repeat: Flags.integer({min: 1, default: 1, description: 'attempts per instance (pass@1 averaged, pass^k)'}),
    jobs: Flags.integer({char: 'j', min: 1, default: 1, description: 'attempts in parallel'}),
    'max-turns': Flags.integer({min: 1, default: 50, description: 'built-in agent: model requests per task'}),
    'token-budget': Flags.integer({min: 0, default: 0, description: 'built-in agent: tokens per task (0: none)'}),
    'agent-timeout': Flags.integer({min: 1, default: 1800, description: 'seconds the agent may take per task'}),
    'test-timeout': Flags.integer({min: 1, default: 300, description: 'seconds for setup + tests per task'}),
    resume: Flags.integer({min: 1, description: 'finish this interrupted run (same tasks, agent and endpoint)'}),
    predictions: Flags.string({description: 'write SWE-bench predictions JSONL here'}),
    save: Flags.boolean({default: true, allowNo: true, description: 'save the run to the results store'}),
  }

  async run(): Promise<SweReport> {
    const {flags} = await this.parse(EvalSwe)
    const {resolveTarget} = await import('../../cli/resolve-target.js')
    const {runSwe} = await import('../../evals/swe/run-swe.js')
    const {toSweOptions} = await import('../../evals/swe/parse-flags.js')
    const {renderSwe} = await import('../../evals/swe/render.js')
    const {progressBar} = await import('../../cli/progress.js')
    const progress = progressBar(Boolean(flags.json) || !process.stderr.isTTY, 'SWE eval')
    const onEvent = (e: SweEvent) => {
      if (e.type === 'start') progress.phase(`SWE eval: ${e.model} (${e.agent})`, e.total)
      progress.update(e.done, `${e.resolved} resolved${e.type === 'attempt' ? ` · ${e.result.instance_id}` : ''}`)
    }
    const target = flags.resume === undefined ? resolveTarget(flags) : undefined
    const report = await runSwe(toSweOptions(flags, target, abortOnCtrlC()), onEvent).finally(() => progress.stop())
    if (!flags.json) this.log(renderSwe(report))
    process.exitCode = report.status === 'partial' ? 130 : report.resolved_ids.length === report.total ? 0 : 1
    return report
  }
}
