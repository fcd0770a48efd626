import type {Pitfall} from '../engines/types.js'
import type {HardwareReport} from '../hardware/types.js'
import type {Plan} from '../profiles/plan.js'

// Before installing anything: is there room for the plan's model files where oac keeps them?
// Weights plus 10% for the engine itself and partial downloads; unknown free space is not an error.

export function diskPitfalls(hw: HardwareReport, plan: Plan): Pitfall[] {
  if (hw.diskFreeGiB === undefined) return []
  const need = plan.models.reduce((s, m) => s + m.weightsGiB, 0) * 1.1
  if (need <= hw.diskFreeGiB) return []
  return [
    {
      id: 'disk-space',
      severity: 'error',
      message: `not enough disk for the models: they need about ${need.toFixed(1)} GiB, ${hw.diskFreeGiB} GiB is free where oac stores data`,
      fix: 'free some space, or set OAC_HOME to a larger disk',
    },
  ]
}
