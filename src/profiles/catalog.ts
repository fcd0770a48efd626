import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {oacConfigDir, packageRoot} from '../paths.js'
import {ConfigError, loadYaml} from './load-yaml.js'
import {type CatalogFile, catalogFile, type EngineId, type ModelSpec, type QuantizationSpec} from './schema.js'

/** The merged model catalog: built-in profiles/models.yaml, then the user's models.yaml on top. */
export interface Catalog {
  models: Record<string, ModelSpec>
  quantizations: Record<string, QuantizationSpec>
  kvCacheTypes: Record<string, number>
  engines: NonNullable<CatalogFile['engines']>
  files: string[]
}

export function builtinProfilesDir(): string {
  return join(packageRoot, 'profiles')
}

export function userProfilesDir(): string {
  return join(oacConfigDir(), 'profiles')
}

/** Loads the catalog; a user file adds models or replaces built-in entries of the same id. */
export function loadCatalog(dirs: string[] = [builtinProfilesDir(), userProfilesDir()]): Catalog {
  const catalog: Catalog = {models: {}, quantizations: {}, kvCacheTypes: {}, engines: {}, files: []}
  for (const dir of dirs) {
    const file = join(dir, 'models.yaml')
    if (!existsSync(file)) continue
    const data = loadYaml(file, catalogFile)
    Object.assign(catalog.models, data.models)
    Object.assign(catalog.quantizations, data.quantizations)
    Object.assign(catalog.kvCacheTypes, data.kvCacheTypes)
    Object.assign(catalog.engines, data.engines)
    catalog.files.push(file)
  }
  if (!catalog.files.length)
    throw new ConfigError(join(dirs[0] ?? '.', 'models.yaml'), undefined, 'model catalog not found')
  return catalog
}

export function engineFormat(catalog: Catalog, engine: EngineId): QuantizationSpec['format'] {
  return (
    catalog.engines[engine]?.format ??
    (engine === 'mlx' ? 'mlx' : engine === 'vllm' || engine === 'sglang' || engine === 'lmdeploy' ? 'hf' : 'gguf')
  )
}
