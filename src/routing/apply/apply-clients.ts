import type {ApplyContext, ClientId, ClientResult, FileResult} from './types.js'
import {writeConfigFile} from './write-config-file.js'
import {clientWriters} from './writers/index.js'

/**
 * Writes each client's config to use the router. A file that cannot be read or written fails alone (its reason
 * reported) and the other files and clients still get theirs.
 */
export async function applyClients(
  ctx: ApplyContext,
  clients: readonly ClientId[],
  options: {dryRun: boolean; now?: Date},
): Promise<ClientResult[]> {
  const now = options.now ?? new Date()
  const results: ClientResult[] = []
  for (const client of clients) {
    const files: FileResult[] = []
    for (const file of clientWriters[client].files(ctx)) {
      files.push(
        await writeConfigFile(file, {dryRun: options.dryRun, now}).catch(
          (error: Error): FileResult => ({path: file.path, outcome: 'failed', error: error.message}),
        ),
      )
    }
    results.push({client, files})
  }
  return results
}
