import {join} from 'node:path'
import type {AgentEvent} from '../../src/agent/events.js'
import {type HeadlessOptions, runHeadless} from '../../src/agent/headless.js'
import type {SimOptions} from '../../src/engines/sim/options.js'
import type {Script} from '../../src/engines/sim/script.js'
import {startSim} from '../../src/engines/sim.js'
import {tempHome} from './temp-repo.js'

/** Runs one headless task in-process against `oac sim` playing `script`; returns every event and the result. */
export async function runInRepo(
  repo: string,
  script: Script,
  options: Partial<HeadlessOptions> & {task: string},
  sim: Partial<SimOptions> = {},
) {
  const server = await startSim({port: 0, ttftMs: 0, itlMs: 0, ...sim}, script)
  const events: AgentEvent[] = []
  try {
    const result = await runHeadless(
      {
        endpoint: server.baseUrl,
        model: 'sim-model',
        cwd: repo,
        maxTurns: 20,
        yes: true,
        signal: new AbortController().signal,
        dbFile: join(tempHome(), 'oac.db'),
        configDir: tempHome(),
        ...options,
      },
      (e) => events.push(e),
    )
    return {
      result,
      events,
      of: <T extends AgentEvent['type']>(type: T) =>
        events.filter((e) => e.type === type) as Extract<AgentEvent, {type: T}>[],
    }
  } finally {
    await server.close()
  }
}
