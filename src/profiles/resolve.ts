import {detectHardware} from '../hardware/detect.js'
import {loadHardware} from '../hardware/load-captures.js'
import type {HardwareReport} from '../hardware/types.js'
import {oacHome} from '../paths.js'
import {loadCatalog} from './catalog.js'
import {findProfile, type LoadedProfile, loadProfiles} from './load-profiles.js'
import {matchProfile, matchRule, type ProfileMatch} from './match.js'
import {type Plan, planProfile} from './plan.js'
import type {MatchRule} from './schema.js'

export interface HardwareWithProfile {
  hardware: HardwareReport
  profile?: ProfileMatch
  /** User profiles left out because they do not load, each with its file, line and problem. */
  brokenProfiles?: string[]
}

/** This machine's hardware (or the one captured at `hardwarePath`) and the profile it matches. */
export async function detectWithProfile(hardwarePath?: string): Promise<HardwareWithProfile> {
  const hardware = hardwarePath ? loadHardware(hardwarePath) : await detectHardware(oacHome())
  const catalog = loadCatalog()
  const broken: string[] = []
  const profile = matchProfile(
    loadProfiles(catalog, undefined, (e) => broken.push(e.message)),
    hardware,
  )
  return {hardware, ...(profile ? {profile} : {}), ...(broken.length ? {brokenProfiles: broken} : {})}
}

export interface PlanRequest {
  /** A profile id; the matching profile when absent. */
  profile?: string
  hardwarePath?: string
  context?: number
  /** For `oac setup`: plan a server that can be installed (see PlanOptions.installable). */
  installable?: boolean
}

export interface ResolvedPlan extends HardwareWithProfile {
  plan: Plan
  /** The planned profile's own rule, and why it holds on this hardware (absent: it does not). */
  planned: {rule: MatchRule; matched?: string}
}

/** Loads catalog and profiles, detects (or loads) the hardware and plans the chosen profile on it. */
export async function resolvePlan(request: PlanRequest): Promise<ResolvedPlan> {
  const catalog = loadCatalog()
  const profiles = loadProfiles(catalog)
  // Check the profile before touching the hardware: an unknown id fails fast.
  // An empty --profile is a typo, not a request to match this machine.
  const chosen: LoadedProfile | undefined =
    request.profile !== undefined ? findProfile(profiles, request.profile) : undefined
  const hardware = request.hardwarePath ? loadHardware(request.hardwarePath) : await detectHardware(oacHome())
  const match = matchProfile(profiles, hardware)
  const profile = chosen ?? findProfile(profiles, match?.id ?? 'cpu')
  const plan = planProfile(profile, hardware, catalog, {
    ...(request.context ? {context: request.context} : {}),
    ...(request.installable ? {installable: true} : {}),
  })
  const matched = matchRule(profile.match, hardware)
  const planned = matched ? {rule: profile.match, matched} : {rule: profile.match}
  return match ? {hardware, profile: match, plan, planned} : {hardware, plan, planned}
}

/** Every known profile (built-in and user), for `oac profiles`. */
export function listProfiles(): LoadedProfile[] {
  return loadProfiles(loadCatalog())
}
