import {type QuickstartResult, STAGE_TITLES} from './run-quickstart.js'

/** The lines quickstart ends with: where the report is, or what a signal cut short and which runs were kept. */
export function renderQuickstartEnd(r: QuickstartResult): string {
  if (r.interrupted) {
    const kept: [string, number][] = []
    if (r.benchRunId !== undefined) kept.push(['bench', r.benchRunId])
    if (r.evalRunId !== undefined) kept.push(['tool-calling', r.evalRunId])
    const runs = kept.length
      ? `Kept in the results store: ${kept.map(([kind, id]) => `${kind} run #${id}`).join(', ')} (the one cut short is partial; \`oac report ${kept.map(([, id]) => `--run ${id}`).join(' ')}\` shows them).`
      : 'No run was stored.'
    return `\nInterrupted during "${STAGE_TITLES[r.interrupted]}"; the stages after it did not run and no report was written.\n${runs}`
  }
  const lines: string[] = []
  if (r.tinyModel)
    lines.push(
      '\nThe built-in tiny model has random weights: these figures measure the pipeline, not model quality.\n' +
        'Measure a real model: oac quickstart --model PATH.gguf, or oac quickstart --endpoint URL --model NAME\n' +
        '(an engine set up with oac setup --profile P).',
    )
  lines.push(`\nOpen the report: ${r.reportPath}`)
  return lines.join('\n')
}
