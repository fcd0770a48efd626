import {detectHardware} from '../hardware/detect.js'
import {hardwareFingerprint} from '../hardware/fingerprint.js'
import {oacHome} from '../paths.js'
import {Store} from './store.js'
import type {RunInput} from './types.js'

/** An open store with a run in status `running`, for a stage that saves its samples as they come. */
export interface RecordedRun {
  store: Store
  runId: number
}

/**
 * Opens the store and starts a run stamped with this machine's hardware (and its fingerprint), so that bench and
 * eval runs are comparable across boxes. Hardware that cannot be detected leaves those fields empty.
 */
export async function startRecordedRun(
  input: Omit<RunInput, 'hardware' | 'hardwareFingerprint'>,
): Promise<RecordedRun> {
  const hardware = await detectHardware(oacHome()).catch(() => undefined)
  const store = Store.open()
  const runId = store.startRun({
    ...input,
    ...(hardware ? {hardware, hardwareFingerprint: hardwareFingerprint(hardware)} : {}),
  })
  return {store, runId}
}
