import {isCloud, type RoutingConfig} from '../config.js'
import {findPrice, type Price, shippedPrices} from '../cost/price-table.js'
import {pickAgent, pickFast, pickLongContext} from './policy.js'
import type {Candidate, ClassDecision, CloudProposal, PickPolicy, TaskClass} from './types.js'

// When no local model meets a class's floors, `route pick` may name a cloud model from the user's routing.yaml as
// the class's overflow: only when the user's own settings allow the cloud (allow-cloud.ts), with its price, and with
// stored runs of it when there are any. A cloud model whose stored runs fail the class's floors is not proposed;
// one with no runs is proposed in the file's order, and said to be unmeasured. Never a proposal when the cloud is off.

/** One model a cloud upstream of routing.yaml serves, with the price it is billed at. */
export interface CloudModel {
  upstream: string
  model: string
  url: string
  contextLength?: number
  price: Price
  /** `routing.yaml` (the upstream's own `prices:`) or `profiles/cloud/prices.yaml (DATE)`. */
  priceSource: string
}

/** Every model of every cloud upstream in the file, in the file's order. */
export function cloudModels(config: RoutingConfig, file: string): CloudModel[] {
  return config.upstreams.filter(isCloud).flatMap((u) =>
    u.models.map((model) => {
      const own = u.prices && findPrice(u.prices, model)
      const shipped = shippedPrices()
      // loadRoutingConfig refuses a cloud model without a price, so one of the two is there.
      const price = own ?? (findPrice(shipped.models, model) as Price)
      return {
        upstream: u.name,
        model,
        url: u.url,
        ...(u.contextLength ? {contextLength: u.contextLength} : {}),
        price,
        priceSource: own ? file : `profiles/cloud/prices.yaml (${shipped.date})`,
      }
    }),
  )
}

const pickers: Partial<Record<TaskClass, (c: Candidate[], p: PickPolicy) => ClassDecision>> = {
  agent: pickAgent,
  fast: pickFast,
  long_context: pickLongContext,
}

function propose(
  d: ClassDecision,
  cloud: CloudModel[],
  measured: Candidate[],
  policy: PickPolicy,
): CloudProposal | undefined {
  const pick = pickers[d.taskClass]
  if (!pick || d.chosen) return undefined
  // The cloud models' stored runs, judged by the class's own rules (a cloud model's context is the upstream's).
  const runs = measured
    .filter((c) => cloud.some((m) => m.model === c.model))
    .map((c) => {
      const ctx = cloud.find((m) => m.model === c.model)?.contextLength
      return ctx && c.contextLength === undefined ? {...c, contextLength: ctx} : c
    })
  const judged = runs.length ? pick(runs, policy) : undefined
  const rowOf = (model: string) => judged?.ranking.find((r) => r.model === model)
  const qualified = judged?.chosen ? cloud.find((m) => m.model === judged.model) : undefined
  const unmeasured = cloud.find((m) => !rowOf(m.model))
  const m = qualified ?? unmeasured
  if (!m) return undefined
  const evidence = rowOf(m.model)
  return {
    target: `${m.upstream}/${m.model}`,
    model: m.model,
    price: m.price,
    priceSource: m.priceSource,
    ...(evidence ? {evidence} : {}),
    reason: qualified
      ? `no local model meets the floors; ${m.model} meets them on stored runs (${judged?.reason})`
      : `no local model meets the floors; ${m.model} has no stored runs (the first such cloud model in routing.yaml)`,
  }
}

/** Each class without a local choice gains a cloud proposal, only when the user allows the cloud. */
export function withCloudProposals(
  classes: ClassDecision[],
  cloud: CloudModel[],
  allowCloud: boolean,
  measured: Candidate[],
  policy: PickPolicy,
): ClassDecision[] {
  if (!allowCloud || !cloud.length) return classes
  return classes.map((d) => {
    const proposal = propose(d, cloud, measured, policy)
    return proposal ? {...d, cloud: proposal} : d
  })
}
