import type {Reporter, TestModule} from 'vitest/node'

// CI reads a plain closing line `N passed, N failed, N skipped`; vitest's own summary is not parsed there. Above it,
// each skip that carries a note (`ctx.skip(note)`: a real client not installed) is listed, so a fresh clone says
// what to install instead of skipping silently.
export default class CountReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    const notes = new Set<string>()
    for (const mod of modules) {
      for (const test of mod.children.allTests()) {
        const result = test.result()
        if (result.state === 'passed') passed++
        else if (result.state === 'failed') failed++
        else {
          skipped++
          if (result.state === 'skipped' && result.note) notes.add(result.note)
        }
      }
      if (mod.state() === 'failed' && mod.children.size === 0) failed++
    }
    for (const note of notes) process.stdout.write(`\nskipped: ${note}`)
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
