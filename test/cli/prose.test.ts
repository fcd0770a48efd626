import {describe, expect, it} from 'vitest'
import {prose} from '../../src/cli/prose.js'
import {runCli} from '../support/run-cli.js'

// Help descriptions are wrapped at 120 columns in the source; oclif kept those breaks and wrapped each line again, so
// `--help` showed a ragged half-line after every source line.

describe('help text as paragraphs', () => {
  it('joins the source wrapping, keeps paragraphs, and starts the exit codes on their own', () => {
    expect(
      prose('Walks the history,\nnewest first. Binary-\nonly changes are dropped.\nExit 0 done, 2 bad input.'),
    ).toBe('Walks the history, newest first. Binary-only changes are dropped.\n\nExit 0 done, 2 bad input.')
    expect(prose('One.\n\nTwo\nlines.')).toBe('One.\n\nTwo lines.')
    expect(prose('A -\nB')).toBe('A - B')
  })

  it('oac eval swe --help wraps its description to the terminal with no half-lines', async () => {
    const r = await runCli(['eval', 'swe', '--help'], {env: {COLUMNS: '80'}})
    const description = r.stdout.split('DESCRIPTION\n')[1]?.split('\n\nEXAMPLES')[0] ?? ''
    const paragraphs = description.split('\n\n').map((p) => p.split('\n'))
    expect(paragraphs.length).toBeGreaterThanOrEqual(3)
    // Every line but a paragraph's last fills most of the width.
    for (const lines of paragraphs) for (const line of lines.slice(0, -1)) expect(line.length, line).toBeGreaterThan(60)
  })
})
