import {existsSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {atomicWrite} from '../../agent/tools/atomic-write.js'
import {OacError} from '../../errors.js'
import {detectHardware} from '../../hardware/detect.js'
import {hardwareFingerprint} from '../../hardware/fingerprint.js'
import {probeEngine} from '../../llm/probe.js'
import {makeDir} from '../../make-dir.js'
import {oacConfigDir, oacHome} from '../../paths.js'
import {Store} from '../../store/store.js'
import {userAllowsCloud} from '../allow-cloud.js'
import {loadRoutingConfig} from '../config.js'
import {type CloudModel, cloudModels, withCloudProposals} from './cloud-proposal.js'
import {toDecisionRecord} from './decision-record.js'
import {looksLikeEmbeddingModel, pickEmbeddings, probeEmbeddings} from './embeddings.js'
import {gatherCandidates} from './evidence.js'
import {type FleetEndpoint, fleetCandidates, fleetEndpoints} from './fleet-candidates.js'
import {endpointCandidates, FIRST_STEPS, splitByLiveness, type Unreachable} from './liveness.js'
import {pickAgent, pickFast, pickLongContext} from './policy.js'
import {routerConfigYaml} from './to-router-config.js'
import {type Candidate, type CloudStatus, defaultPolicy, type PickPolicy, type PickResult} from './types.js'

/** Nothing to decide from, or nothing that can be written: exit 2, never a guessed routing. */
export class RoutePickError extends OacError {
  override name = 'RoutePickError'
}

export interface RoutePickOptions {
  policy?: Partial<PickPolicy>
  /** Write the router config here and record the decision in the store. */
  write?: string
  /** Compare runs from this hardware fingerprint instead of this machine's. */
  hardwareFingerprint?: string
  /** The routing file whose cloud upstreams may be proposed (default: routing.yaml in the config dir, if there). */
  routing?: string
  /** An Ansible inventory: its hosts are the candidates (fleet-candidates.ts), and hosts serving a model share it. */
  fleet?: string
}

export interface RoutePickResult extends PickResult {
  /** Candidates left out because their endpoint does not serve them now (liveness.ts). */
  unreachable: Unreachable[]
  /** With --fleet: the inventory's hosts and what each serves. */
  fleet?: FleetEndpoint[]
  written?: {path: string; decisionId: number}
}

/**
 * The context each engine really serves (vLLM max_model_len, llama.cpp n_ctx, Ollama num_ctx) for candidates whose
 * endpoint registration does not say; an engine that does not answer leaves it unknown.
 */
async function probeContexts(candidates: Candidate[]): Promise<void> {
  await Promise.all(
    candidates
      .filter((c) => c.contextLength === undefined && c.endpointUrl)
      .map(async (c) => {
        const facts = await Promise.race([
          probeEngine(c.endpointUrl, c.model).catch(() => undefined),
          sleep(5_000).then(() => undefined),
        ])
        if (facts?.contextLength) c.contextLength = facts.contextLength
      }),
  )
}

/**
 * The cloud models of the routing file, and whether the user allows them; the user's settings are read only when the
 * file has some. A file named with --routing must exist; the default one may not.
 */
async function cloudSide(named: string | undefined): Promise<{models: CloudModel[]; status?: CloudStatus}> {
  const file = named ?? join(oacConfigDir(), 'routing.yaml')
  if (!named && !existsSync(file)) return {models: []}
  const models = cloudModels(loadRoutingConfig(file), file)
  if (!models.length) return {models}
  return {models, status: {file, models: models.length, allowed: await userAllowsCloud()}}
}

/** Reads the store, decides each class, and with `write` saves the router config and the decision. */
export async function routePick(o: RoutePickOptions = {}): Promise<RoutePickResult> {
  const policy = {...defaultPolicy, ...o.policy}
  const fingerprint =
    o.hardwareFingerprint ??
    (await detectHardware(oacHome())
      .then(hardwareFingerprint)
      .catch(() => undefined))
  const store = Store.open()
  try {
    const runs = store.listRuns({status: 'complete'})
    const endpoints = store.listEndpoints()
    const measured = gatherCandidates(runs, endpoints, fingerprint).filter((c) => !looksLikeEmbeddingModel(c.model))
    const fleet = o.fleet ? await fleetEndpoints(o.fleet) : undefined
    const pool = fleet ? fleetCandidates(measured, fleet) : [...measured, ...endpointCandidates(endpoints, measured)]
    const {live: chat, unreachable} = await splitByLiveness(pool)
    await probeContexts(chat)
    const cloud = await cloudSide(o.routing)
    const local = [
      pickAgent(chat, policy),
      pickFast(chat, policy),
      pickLongContext(chat, policy),
      pickEmbeddings(await probeEmbeddings(endpoints), runs),
    ]
    const classes = withCloudProposals(local, cloud.models, cloud.status?.allowed === true, measured, policy)
    for (const d of classes.slice(0, 3)) {
      if (d.ranking.length) continue
      if (unreachable.length) d.reason = `no candidate answers now: ${unreachable.length} left out (listed below)`
      d.missing.push(...FIRST_STEPS)
    }
    const result: RoutePickResult = {
      ...(fingerprint ? {hardwareFingerprint: fingerprint} : {}),
      policy,
      classes,
      candidates: chat,
      ...(cloud.status ? {cloud: cloud.status} : {}),
      unreachable,
      ...(fleet ? {fleet} : {}),
    }
    if (!o.write) return result
    if (!classes[0]?.chosen)
      throw new RoutePickError(
        `cannot write ${o.write}: no model qualifies for the agent class (${classes[0]?.reason}); run what \`oac route pick\` lists as missing first`,
      )
    const path = resolve(o.write)
    const yaml = routerConfigYaml(result, fleet)
    // What oac writes, oac router must load: checked with the router's own loader before it reaches the disk.
    loadRoutingConfig(path, yaml)
    makeDir(dirname(path))
    await atomicWrite(path, yaml)
    const decisionId = store.saveRouteDecision({
      ...(fingerprint ? {hardwareFingerprint: fingerprint} : {}),
      configPath: path,
      decision: toDecisionRecord(classes, chat),
    })
    return {...result, written: {path, decisionId}}
  } finally {
    store.close()
  }
}
