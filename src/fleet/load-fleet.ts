import {loadCatalog} from '../profiles/catalog.js'
import {findProfile, loadProfiles} from '../profiles/load-profiles.js'
import {hostHardware} from './host-hardware.js'
import {loadInventory} from './inventory.js'
import {type FleetPlanOptions, planFleet} from './plan.js'
import type {FleetPlan, PlannedHost} from './types.js'

/** Reads the inventory, resolves every host's profile and hardware, and plans the model across them. */
export function planFleetFromInventory(inventoryFile: string, options: FleetPlanOptions): FleetPlan {
  const inventory = loadInventory(inventoryFile)
  const catalog = loadCatalog()
  const profiles = loadProfiles(catalog)
  const hosts: PlannedHost[] = inventory.hosts.map((host) => ({
    host,
    profile: findProfile(profiles, host.oac_profile),
    hardware: hostHardware(host, inventory.file),
  }))
  return planFleet(hosts, catalog, options)
}
