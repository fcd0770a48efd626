import {loadCatalog} from '../profiles/catalog.js'
import {findProfile, loadProfiles} from '../profiles/load-profiles.js'
import {matchProfile} from '../profiles/match.js'
import {hostHardware} from './host-hardware.js'
import {loadInventory} from './inventory.js'
import {type FleetPlanOptions, planFleet} from './plan.js'
import type {FleetPlan, PlannedHost} from './types.js'

/** Reads the inventory, resolves every host's profile and hardware, and plans the model across them. */
export function planFleetFromInventory(inventoryFile: string, options: FleetPlanOptions): FleetPlan {
  const inventory = loadInventory(inventoryFile)
  const catalog = loadCatalog()
  const profiles = loadProfiles(catalog)
  const hosts: PlannedHost[] = inventory.hosts.map((host) => {
    const hardware = hostHardware(host, inventory.file)
    const id = host.oac_profile ?? matchProfile(profiles, hardware)?.id ?? 'cpu'
    return {host, hardware, profile: findProfile(profiles, id)}
  })
  return planFleet(hosts, catalog, options)
}
