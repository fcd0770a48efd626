import {mkdir} from 'node:fs/promises'
import {dirname, resolve} from 'node:path'
import {atomicWrite} from '../../agent/tools/atomic-write.js'
import {OacError} from '../../errors.js'
import {detectHardware} from '../../hardware/detect.js'
import {hardwareFingerprint} from '../../hardware/fingerprint.js'
import {oacHome} from '../../paths.js'
import {Store} from '../../store/store.js'
import {loadRoutingConfig} from '../config.js'
import {toDecisionRecord} from './decision-record.js'
import {looksLikeEmbeddingModel, pickEmbeddings, probeEmbeddings} from './embeddings.js'
import {gatherCandidates} from './evidence.js'
import {pickAgent, pickFast, pickLongContext} from './policy.js'
import {routerConfigYaml} from './to-router-config.js'
import {defaultPolicy, type PickPolicy, type PickResult} from './types.js'

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
}

export interface RoutePickResult extends PickResult {
  written?: {path: string; decisionId: number}
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
    const chat = gatherCandidates(runs, endpoints, fingerprint).filter((c) => !looksLikeEmbeddingModel(c.model))
    const classes = [
      pickAgent(chat, policy),
      pickFast(chat, policy),
      pickLongContext(chat, policy),
      pickEmbeddings(await probeEmbeddings(endpoints)),
    ]
    const result: RoutePickResult = {
      ...(fingerprint ? {hardwareFingerprint: fingerprint} : {}),
      policy,
      classes,
      candidates: chat,
    }
    if (!o.write) return result
    if (!classes[0]?.chosen)
      throw new RoutePickError(
        `cannot write ${o.write}: no model qualifies for the agent class (${classes[0]?.reason}); run what \`oac route pick\` lists as missing first`,
      )
    const path = resolve(o.write)
    const yaml = routerConfigYaml(result)
    // What oac writes, oac router must load: checked with the router's own loader before it reaches the disk.
    loadRoutingConfig(path, yaml)
    await mkdir(dirname(path), {recursive: true})
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
