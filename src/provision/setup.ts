import {buildContext, type SetupContext, type SetupOptions} from './context.js'
import {engineSteps} from './steps/engine.js'
import {modelSteps, ollamaPullSteps} from './steps/models.js'
import {serviceSteps} from './steps/service.js'
import type {Group, Step} from './steps/types.js'

// `oac setup`: the steps, in order, for a profile on this machine.

export interface Setup {
  ctx: SetupContext
  steps: Step[]
}

export function setupSteps(ctx: SetupContext, only?: Group): Step[] {
  const service = serviceSteps(ctx)
  const steps = [...engineSteps(ctx), ...modelSteps(ctx), ...service.before, ...ollamaPullSteps(ctx), ...service.after]
  return only ? steps.filter((s) => s.group === only) : steps
}

export async function buildSetup(options: SetupOptions & {only?: Group}): Promise<Setup> {
  const ctx = await buildContext(options)
  return {ctx, steps: setupSteps(ctx, options.only)}
}
