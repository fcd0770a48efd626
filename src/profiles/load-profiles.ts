import {existsSync, readdirSync} from 'node:fs'
import {basename, join} from 'node:path'
import {OacError} from '../errors.js'
import type {Catalog} from './catalog.js'
import {builtinProfilesDir, userProfilesDir} from './catalog.js'
import {ConfigError, loadYaml} from './load-yaml.js'
import {type Profile, profile} from './schema.js'

export interface LoadedProfile extends Profile {
  file: string
}

/** A profile that names something the catalog lacks fails at load, with the file and what is known. */
function checkAgainstCatalog(p: LoadedProfile, catalog: Catalog): void {
  const roles = Object.entries(p.models).filter(([, r]) => r !== undefined)
  for (const [role, r] of roles) {
    if (!r) continue
    if (!catalog.models[r.model])
      throw new ConfigError(
        p.file,
        undefined,
        `\`models.${role}.model\`: unknown model "${r.model}"; known: ${Object.keys(catalog.models).join(', ')}`,
      )
    if (r.quantization !== 'auto' && !catalog.quantizations[r.quantization])
      throw new ConfigError(
        p.file,
        undefined,
        `\`models.${role}.quantization\`: unknown quantization "${r.quantization}"; known: auto, ${Object.keys(catalog.quantizations).join(', ')}`,
      )
  }
  if (p.fallbackModel && !catalog.models[p.fallbackModel])
    throw new ConfigError(p.file, undefined, `\`fallbackModel\`: unknown model "${p.fallbackModel}"`)
  if (!(p.kvCacheType in catalog.kvCacheTypes))
    throw new ConfigError(
      p.file,
      undefined,
      `\`kvCacheType\`: unknown "${p.kvCacheType}"; known: ${Object.keys(catalog.kvCacheTypes).join(', ')}`,
    )
}

/** Every profile: built-ins first, then the user's config dir, whose profiles replace built-ins of the same id. */
export function loadProfiles(
  catalog: Catalog,
  dirs: string[] = [builtinProfilesDir(), userProfilesDir()],
): LoadedProfile[] {
  const byId = new Map<string, LoadedProfile>()
  for (const dir of dirs) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      if (!/\.ya?ml$/.test(name) || name === 'models.yaml') continue
      const file = join(dir, name)
      const p: LoadedProfile = {...loadYaml(file, profile), file}
      if (p.id !== basename(name).replace(/\.ya?ml$/, ''))
        throw new ConfigError(file, 1, `\`id\`: "${p.id}" must match the file name`)
      checkAgainstCatalog(p, catalog)
      byId.set(p.id, p)
    }
  }
  return [...byId.values()]
}

export class UnknownProfileError extends OacError {
  constructor(
    readonly id: string,
    readonly known: string[],
  ) {
    super(`Unknown profile "${id}". Known profiles: ${known.join(', ')}`)
    this.name = 'UnknownProfileError'
  }
}

export function findProfile(profiles: LoadedProfile[], id: string): LoadedProfile {
  const found = profiles.find((p) => p.id === id)
  if (!found)
    throw new UnknownProfileError(
      id,
      profiles.map((p) => p.id),
    )
  return found
}
