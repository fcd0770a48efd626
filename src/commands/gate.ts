import {OacCommand} from '../cli/oac-command.js'
import {gateFlags, gateRequest} from '../gate/flags.js'

export default class Gate extends OacCommand {
  static override summary = 'CI regression gate: compare a run with a baseline and exit 1 on a regression.'
  static override description =
    `Bench runs are compared point by point (same max_concurrency and request_rate): output_throughput may drop 5%,
p99_ttft_ms and mean_tpot_ms may rise 10%. Tool-calling evals: overall and per-category first-try accuracy may drop
2 points. SWE evals: the resolved rate may drop 3 points. Every kind: the share of failed requests may not rise
(--max-drop changes a limit: percent for bench figures, points for accuracy and failure_rate).
Runs that measured different things (dataset or part of it, prompts, lengths, concurrency, request rate; eval mode,
categories, imported file, limit, repeat, retries; usage vs estimated tokens) are not compared unless
--allow-workload-change, other hardware not unless --allow-hardware-change; a figure n/a in the run cannot be.
Exit 0: within limits; 1: a regression, and nothing else; 2: cannot compare (missing run or file, damaged store,
other kind, model or workload, no matching points, an unwritable report). --export RUN_ID prints a baseline file to
commit; --baseline takes it or a run id (\`last\`: the newest complete run of the kind before the one checked).`
  static override examples = [
    '<%= config.bin %> gate --export last > baselines/bench.json',
    '<%= config.bin %> gate --baseline last',
    '<%= config.bin %> gate --baseline 12 --current 15 --max-drop output_throughput=3 --json',
    '<%= config.bin %> gate --baseline baselines/tools.json --max-drop accuracy=1 --junit gate.xml --markdown gate.md',
  ]
  static override enableJsonFlag = true
  static override flags = gateFlags

  async run(): Promise<unknown> {
    const {flags} = await this.parse(Gate)
    const {cannotCompare, checkRun, exportBaseline} = await import('../gate/check-run.js')
    const {writeGateReports} = await import('../gate/write-reports.js')
    const {renderTable} = await import('../gate/render.js')
    const {exitCodes} = await import('../gate/types.js')
    // The verdict goes to stderr in both modes (for CI logs); oclif's logToStderr is silent under --json.
    const {printable} = await import('../util/terminal-text.js')
    const verdict = (line: string) => process.stderr.write(`oac gate: ${printable(line)}\n`)
    if (flags.export !== undefined) {
      try {
        const baseline = exportBaseline(flags.export)
        this.log(JSON.stringify(baseline, null, 2))
        return baseline
      } catch (error) {
        const failed = cannotCompare(error)
        verdict(failed.reason)
        process.exitCode = 2
        return failed
      }
    }
    const compared = checkRun(gateRequest(flags))
    const result = await writeGateReports(compared, {junit: flags.junit, markdown: flags.markdown})
    // The table on stdout in text mode; with --json oclif prints the result.
    if (result.checks.length) this.log(renderTable(result, false))
    verdict(`${result.status.toUpperCase()}: ${result.reason}`)
    process.exitCode = exitCodes[result.status]
    return result
  }
}
