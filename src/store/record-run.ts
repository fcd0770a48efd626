import {detectHardware} from '../hardware/detect.js'
import {hardwareFingerprint} from '../hardware/fingerprint.js'
import {oacHome} from '../paths.js'
import {Store} from './store.js'
import type {RunInput, RunStatus} from './types.js'

// The life of a recorded run, written once for every stage that saves results as they come (oac bench, oac eval
// tool-calling, and next oac eval swe):
//
//   const client = await connectModel(o.endpoint, o.model, o.signal, (e) => new MySetupError(e.message, 1))
//   return withRecordedRun(o.save ? {kind: 'eval-swe', model, params, endpointUrl: client.baseUrl} : undefined,
//     async (run) => {
//       run.onFailure(() => ({tasks: done}))          // what a failed run keeps beside its error (optional)
//       ... run.add({ok, error?, data}) per sample, in order; run.runId is known from the start ...
//       return {status: signal.aborted ? 'partial' : 'complete', summary, value: report}
//     })
//
// `withRecordedRun` starts the run (status `running`, stamped with this machine's hardware), finishes it with the
// returned status and summary, or as `failed` with the error when the body throws (then rethrows), and always
// closes the store. With `undefined` (--no-save) nothing is stored and `runId` is undefined.

/** An open store with a run in status `running`, for a stage that saves its samples as they come. */
export interface RecordedRun {
  store: Store
  runId: number
}

/** What a recorded run's body sees: its id and where its samples go. */
export interface RunRecorder {
  /** The stored run's id; undefined when the run is not saved. */
  readonly runId: number | undefined
  /** Saves one sample; samples are numbered in the order they are added. */
  add(sample: {ok: boolean; error?: string | undefined; data: unknown}): void
  /** What a failed run stores beside `error` (e.g. the points measured so far). */
  onFailure(partial: () => object): void
}

/** The end of a run's body: the status and summary to store, and what the stage returns. */
export interface RunOutcome<T> {
  status: Exclude<RunStatus, 'running' | 'incomplete'>
  summary: unknown
  value: T
}

/** The run's fields as the stage knows them; hardware is added here. */
export type RecordedRunInput = Omit<RunInput, 'hardware' | 'hardwareFingerprint'>

/**
 * Opens the store and starts a run stamped with this machine's hardware (and its fingerprint), so that bench and
 * eval runs are comparable across boxes. Hardware that cannot be detected leaves those fields empty.
 */
export async function startRecordedRun(input: RecordedRunInput): Promise<RecordedRun> {
  const hardware = await detectHardware(oacHome()).catch(() => undefined)
  const store = Store.open()
  const runId = store.startRun({
    ...input,
    ...(hardware ? {hardware, hardwareFingerprint: hardwareFingerprint(hardware)} : {}),
  })
  return {store, runId}
}

/** Runs `body` inside a recorded run (see the top of this file); `input` undefined: nothing is saved. */
export async function withRecordedRun<T>(
  input: RecordedRunInput | undefined,
  body: (run: RunRecorder) => Promise<RunOutcome<T>>,
): Promise<T> {
  const recorded = input ? await startRecordedRun(input) : undefined
  let idx = 0
  let partial: () => object = () => ({})
  const run: RunRecorder = {
    runId: recorded?.runId,
    add: (s) =>
      recorded?.store.addSample(recorded.runId, {
        idx: idx++,
        ok: s.ok,
        ...(s.error ? {error: s.error} : {}),
        data: s.data,
      }),
    onFailure: (f) => {
      partial = f
    },
  }
  try {
    const outcome = await body(run)
    recorded?.store.finishRun(recorded.runId, outcome.status, outcome.summary)
    return outcome.value
  } catch (error) {
    recorded?.store.finishRun(recorded.runId, 'failed', {...partial(), error: String(error)})
    throw error
  } finally {
    recorded?.store.close()
  }
}
