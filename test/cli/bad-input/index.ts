import {agentRows} from './agent.js'
import {codeSearchRows} from './code-search.js'
import {finetuneRows} from './finetune.js'
import {fleetRows} from './fleet.js'
import {machineRows} from './machine.js'
import {measureRows} from './measure.js'
import {resultRows} from './results.js'
import {serveRows} from './serve.js'
import {sweRows} from './swe.js'
import {toolCallingRows} from './tool-calling.js'
import type {BadInput} from './types.js'

/** Every row of the corpus by command id; a new command adds its table here. */
export const ALL_ROWS: Record<string, BadInput[]> = {
  ...machineRows,
  ...measureRows,
  ...toolCallingRows,
  ...sweRows,
  ...resultRows,
  ...serveRows,
  ...agentRows,
  ...codeSearchRows,
  ...finetuneRows,
  ...fleetRows,
}
