import {describe, expect, it} from 'vitest'
import {startSim} from '../../../src/engines/sim.js'
import {agentScript, patchCalls, taskRule} from '../../../src/evals/swe/gold-script.js'
import {runSwe} from '../../../src/evals/swe/run-swe.js'
import {shippedSuite} from './suite-env.js'

// The built-in agent, scripted by `oac sim` to do the wrong thing on shipped tasks: edit only the test (the tempting
// task), apply the fix but break a PASS_TO_PASS test, or change nothing. None of them may count as resolved.

describe('oac eval swe with wrong fixes by the built-in agent', () => {
  it('ends them unresolved or empty_patch, with the failing tests as the reason', async () => {
    const suite = await shippedSuite()
    const pick = (id: string) => suite.instances.find((i) => i.instance_id === id)!
    const tempting = pick('textkit-snake-acronyms')
    const breaking = pick('textkit-slugify-dashes')
    const idle = pick('argv-double-dash')
    const gold = await patchCalls(breaking, breaking.patch, suite.source(breaking), suite.reposDir)
    const sim = await startSim(
      {port: 0, ttftMs: 0, itlMs: 0},
      agentScript([
        taskRule(tempting, [
          {
            name: 'edit',
            arguments: {
              path: 'test/case.test.js',
              old_string: "snakeCase('parseHTTPResponse'), 'parse_http_response'",
              new_string: "snakeCase('parseHTTPResponse'), 'parse_h_t_t_p_response'",
            },
          },
        ]),
        taskRule(breaking, [
          ...gold,
          {name: 'edit', arguments: {path: 'src/slugify.js', old_string: "    .normalize('NFKD')\n", new_string: ''}},
        ]),
        taskRule(idle, []),
      ]),
    )
    try {
      const report = await runSwe({
        reposDir: suite.reposDir,
        instances: [tempting, breaking, idle].map((i) => i.instance_id),
        agent: 'builtin',
        endpoint: sim.baseUrl,
        model: 'sim-model',
        repeat: 1,
        concurrency: 3,
        maxTurns: 5,
        tokenBudget: 0,
        agentTimeoutS: 60,
        testTimeoutS: 60,
        save: false,
        signal: new AbortController().signal,
      })
      const by = Object.fromEntries(report.instances.map((i) => [i.instance_id, i]))
      expect(by['textkit-snake-acronyms']).toMatchObject({
        status: 'unresolved',
        reason: 'failing: snakeCase splits acronyms, snakeCase handles a leading acronym',
      })
      expect(by['textkit-slugify-dashes']).toMatchObject({
        status: 'unresolved',
        reason: 'failing: slugify drops accents',
      })
      expect(by['argv-double-dash']).toMatchObject({status: 'empty_patch', turns: 1})
      expect(report.resolved).toBe(0)
    } finally {
      await sim.close()
    }
  }, 120_000)
})
