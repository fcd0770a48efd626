import {statSync} from 'node:fs'
import {checkEndpointUrl} from '../cli/resolve-target.js'
import {checkGgufFile} from '../engines/embedded/gguf-file.js'
import {UsageError} from '../errors.js'

// What can be wrong with quickstart's flags is found before detect, plan or an engine start, so a typo is exit 2 at
// once and nothing is started or stored for it.

/** Throws a UsageError for flags quickstart cannot use. */
export function checkQuickstartInput(o: {endpoint?: string; model?: string; modelPath?: string}): void {
  if (o.endpoint !== undefined) {
    if (!o.model)
      throw new UsageError('--endpoint needs --model NAME, the model id the engine serves (its /v1/models lists them)')
    checkEndpointUrl(o.endpoint)
    return
  }
  if (o.modelPath === undefined) return
  const info = statSync(o.modelPath, {throwIfNoEntry: false})
  if (!info?.isFile())
    throw new UsageError(
      `--model: no model file ${o.modelPath} (a GGUF file; with --endpoint, the served model's name)`,
    )
  checkGgufFile(o.modelPath)
}
