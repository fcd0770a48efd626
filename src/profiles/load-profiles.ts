import {existsSync, readdirSync} from 'node:fs'
import {basename, join} from 'node:path'
import {OacError} from '../errors.js'
import type {Catalog} from './catalog.js'
import {builtinProfilesDir, userProfilesDir} from './catalog.js'
import {ConfigError, lineOf, loadYaml} from './load-yaml.js'
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
        lineOf(p.file, ['models', role, 'model']),
        `\`models.${role}.model\`: unknown model "${r.model}"; known: ${Object.keys(catalog.models).join(', ')}`,
      )
    if (r.quantization !== 'auto' && !catalog.quantizations[r.quantization])
      throw new ConfigError(
        p.file,
        lineOf(p.file, ['models', role, 'quantization']),
        `\`models.${role}.quantization\`: unknown quantization "${r.quantization}"; known: auto, ${Object.keys(catalog.quantizations).join(', ')}`,
      )
  }
  if (p.fallbackModel && !catalog.models[p.fallbackModel])
    throw new ConfigError(
      p.file,
      lineOf(p.file, ['fallbackModel']),
      `\`fallbackModel\`: unknown model "${p.fallbackModel}"`,
    )
  if (!(p.kvCacheType in catalog.kvCacheTypes))
    throw new ConfigError(
      p.file,
      lineOf(p.file, ['kvCacheType']),
      `\`kvCacheType\`: unknown "${p.kvCacheType}"; known: ${Object.keys(catalog.kvCacheTypes).join(', ')}`,
    )
}

function loadProfile(dir: string, name: string, catalog: Catalog): LoadedProfile {
  const file = join(dir, name)
  const p: LoadedProfile = {...loadYaml(file, profile), file}
  if (p.id !== basename(name).replace(/\.ya?ml$/, ''))
    throw new ConfigError(file, lineOf(file, ['id']), `\`id\`: "${p.id}" must match the file name`)
  checkAgainstCatalog(p, catalog)
  return p
}

/**
 * Every profile: built-ins first, then the user's config dir, whose profiles replace built-ins of the same id. With
 * `skipBroken`, a user's profile that does not load is handed to it and left out instead of failing the whole list
 * (`oac detect` still works with one broken file; a command given that profile by name still fails on it).
 */
const CATALOG_FILES = new Set(['models.yaml', 'finetune.yaml'])

export function loadProfiles(
  catalog: Catalog,
  dirs: string[] = [builtinProfilesDir(), userProfilesDir()],
  skipBroken?: (error: ConfigError) => void,
): LoadedProfile[] {
  const byId = new Map<string, LoadedProfile>()
  for (const [i, dir] of dirs.entries()) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      // models.yaml and finetune.yaml are catalogs that live beside the profiles, not profiles.
      if (!/\.ya?ml$/.test(name) || CATALOG_FILES.has(name)) continue
      try {
        const p = loadProfile(dir, name, catalog)
        byId.set(p.id, p)
      } catch (error) {
        if (!(skipBroken && i > 0 && error instanceof ConfigError)) throw error
        skipBroken(error)
      }
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
