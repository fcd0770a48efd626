import {dirname, isAbsolute, resolve} from 'node:path'
import {z} from 'zod'
import {ConfigError, lineOf, loadYaml} from '../profiles/load-yaml.js'

// A fleet is an Ansible YAML inventory (the same file `ansible-playbook -i` reads), whose hosts carry oac's own
// variables. Groups nest through `children`; a host's variables are its groups' vars with its own on top, as in Ansible.

const hostVars = z
  .object({
    /** Where oac reaches the host; the inventory name when absent. */
    ansible_host: z.string().min(1).optional(),
    /** The oac profile the host runs (`oac profiles` lists them); the one its `oac_hardware` matches when absent. */
    oac_profile: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'a profile id such as dual-4090')
      .optional(),
    /** A captured `oac detect --json` (or a fixtures/hardware folder), relative to the inventory file. */
    oac_hardware: z.string().min(1).optional(),
    /** The slowest link between this host and the others, in Gb/s (1 for 1 GbE, 10 for 10 GbE, 80 for Thunderbolt 5). */
    oac_link_gbps: z.number().positive(),
    /** The port of the host's engine (its OpenAI endpoint), for the router and `oac fleet status`. */
    oac_port: z.number().int().min(1).max(65535).default(8000),
    /** The model id the host's engine serves (its served model name): the router's upstream serves it even while down. */
    oac_model: z.string().min(1).optional(),
  })
  .loose()

const partialVars = hostVars.partial()

interface Group {
  hosts?: Record<string, z.infer<typeof partialVars> | null> | null
  vars?: z.infer<typeof partialVars> | null
  children?: Record<string, Group | null> | null
}

const group: z.ZodType<Group> = z.lazy(() =>
  z.strictObject({
    hosts: z.record(z.string(), partialVars.nullable()).nullish(),
    vars: partialVars.nullish(),
    children: z.record(z.string(), group.nullable()).nullish(),
  }),
)

const inventoryFile = z.strictObject({all: group})

export type FleetHostVars = z.infer<typeof hostVars>

export interface FleetHost extends FleetHostVars {
  name: string
  /** `oac_hardware` made absolute. */
  hardwarePath?: string
}

export interface Inventory {
  file: string
  hosts: FleetHost[]
}

/** Reads an inventory; every problem names the file, the line and the host. */
export function loadInventory(file: string): Inventory {
  const data = loadYaml(file, inventoryFile)
  const merged = new Map<string, {vars: Record<string, unknown>; path: string[]}>()
  const walk = (g: Group, inherited: Record<string, unknown>, path: string[]) => {
    const vars = {...inherited, ...(g.vars ?? {})}
    for (const [name, own] of Object.entries(g.hosts ?? {})) {
      const before = merged.get(name)?.vars ?? {}
      merged.set(name, {vars: {...before, ...vars, ...(own ?? {})}, path: [...path, 'hosts', name]})
    }
    for (const [name, child] of Object.entries(g.children ?? {}))
      if (child) walk(child, vars, [...path, 'children', name])
  }
  walk(data.all, {}, ['all'])
  if (!merged.size) throw new ConfigError(file, lineOf(file, ['all']), 'the inventory has no hosts')
  const hosts: FleetHost[] = []
  for (const [name, {vars, path}] of merged) {
    const parsed = hostVars.safeParse(vars)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue?.path.join('.') ?? ''
      const line = lineOf(file, [...path, field])
      throw new ConfigError(file, line, `host ${name}: \`${field}\`: ${issue?.message ?? 'invalid'}`)
    }
    if (!parsed.data.oac_profile && !parsed.data.oac_hardware)
      throw new ConfigError(
        file,
        lineOf(file, path),
        `host ${name}: give \`oac_profile\` or \`oac_hardware\` (a captured \`oac detect --json\`)`,
      )
    const host: FleetHost = {...parsed.data, name}
    if (parsed.data.oac_hardware)
      host.hardwarePath = isAbsolute(parsed.data.oac_hardware)
        ? parsed.data.oac_hardware
        : resolve(dirname(file), parsed.data.oac_hardware)
    hosts.push(host)
  }
  return {file, hosts}
}
