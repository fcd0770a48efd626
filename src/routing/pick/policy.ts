import {hint} from './hints.js'
import type {Candidate, ClassDecision, PickPolicy, Ranked, TaskClass} from './types.js'

// The rules, one pure function per task class: filter by floors, rank the rest, explain. A candidate lacking a
// figure a rule needs is excluded by that rule ("no evidence"), and the command that would measure it is listed; a
// figure that could not be measured (decode from one-chunk replies) is "not measured", never a pass. Figures come
// only from runs covering the whole scope (scoped-figures.ts); SWE rates are ranked only on one dataset; ties go to
// the faster model.

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const fmt = (x: number, unit: string) => `${x.toFixed(x < 10 ? 2 : 1)} ${unit}`

/** Records the commands that would measure what is missing, and returns the reason. */
function lacking(missing: string[], reason: string, ...commands: string[]): string {
  missing.push(...commands)
  return reason
}

interface Scored {
  ranked: Ranked
  /** Sort keys, compared in order, larger is better. */
  keys: number[]
  /** Ties on every key go to the faster model: higher decode speed, then lower time to the first answer token. */
  speed: number[]
}

const speedOf = (c: Candidate) => [c.decodeTokS?.value ?? -1, -(c.medianTtftMs?.value ?? Number.POSITIVE_INFINITY)]

/** The figure names of a row whose values rest on estimated token counts. */
const estimatedKeys = (c: Candidate) => (c.decodeTokS?.estimated ? ['decode_tok_s'] : [])

function row(c: Candidate, figures: Ranked['figures'], excludedBy?: string): Ranked {
  const runIds = [c.decodeTokS, c.codingP90TtftMs, c.medianTtftMs, c.toolAccuracy, c.longContextAccuracy, c.sweResolved]
    .map((f) => f?.runId)
    .filter((id): id is number => id !== undefined)
  const estimated = estimatedKeys(c).filter((k) => k in figures)
  return {
    candidate: c.id,
    model: c.model,
    figures,
    runIds: [...new Set(runIds)],
    ...(estimated.length ? {estimated} : {}),
    ...(excludedBy ? {excludedBy} : {}),
  }
}

/** Why a candidate has no decode figure: not measured in the covering run, only partial runs, or none. */
function noDecode(c: Candidate, missing: string[]): string {
  if (c.decodeNotMeasured)
    return lacking(
      missing,
      `decode speed not measured (run #${c.decodeNotMeasured.runId}: ${c.decodeNotMeasured.reason})`,
      hint.codingTtft(c),
    )
  return noCodingSet(c, missing, 'decode-speed')
}

function noCodingSet(c: Candidate, missing: string[], what: string): string {
  const partial = c.partial?.coding ? ` (${c.partial.coding})` : ''
  return lacking(missing, `no ${what} evidence on the whole coding set${partial}`, hint.codingTtft(c))
}

/**
 * The dataset most candidates were measured on in full (`preferred` on a tie): rates are compared only there, so a
 * rate over another dataset is not ranked against it.
 */
export function commonDataset(datasets: (string | undefined)[], preferred: string): string | undefined {
  const counts = new Map<string, number>()
  for (const d of datasets) if (d) counts.set(d, (counts.get(d) ?? 0) + 1)
  const first = [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || Number(b[0] === preferred) - Number(a[0] === preferred) || a[0].localeCompare(b[0]),
  )[0]
  return first?.[0]
}

/** Each candidate's figures on the datasets the class compares: SWE rates on one dataset, tool accuracy on one. */
function onCommonDatasets(candidates: Candidate[]) {
  const swe = commonDataset(
    candidates.map((c) => c.sweResolved?.dataset),
    'swe:suite',
  )
  const tools = commonDataset(
    candidates.map((c) => c.toolAccuracy?.dataset),
    'suite',
  )
  return {
    swe,
    tools,
    sweOf: (c: Candidate) => (c.sweResolved?.dataset === swe ? c.sweResolved : undefined),
    toolOf: (c: Candidate) => (c.toolAccuracy?.dataset === tools ? c.toolAccuracy : undefined),
  }
}

function decide(
  taskClass: TaskClass,
  scored: Scored[],
  missing: string[],
  why: (best: Ranked) => string,
): ClassDecision {
  const eligible = scored.filter((s) => !s.ranked.excludedBy)
  eligible.sort((a, b) => {
    const ka = [...a.keys, ...a.speed]
    const kb = [...b.keys, ...b.speed]
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
      const d = (kb[i] ?? 0) - (ka[i] ?? 0)
      if (d !== 0 && !Number.isNaN(d)) return d
    }
    return a.ranked.candidate.localeCompare(b.ranked.candidate)
  })
  const ranking = [...eligible, ...scored.filter((s) => s.ranked.excludedBy)].map((s) => s.ranked)
  const best = eligible[0]?.ranked
  return {
    taskClass,
    ...(best ? {chosen: best.candidate, model: best.model} : {}),
    ranking,
    reason: best
      ? why(best)
      : `no candidate qualifies: ${scored.length ? 'see why each was excluded' : 'no stored runs'}`,
    missing: [...new Set(missing)],
  }
}

/** Why a candidate has no figure of a whole suite, with the newest partial run when there is one. */
function noSuite(missing: string[], what: string, partial: string | undefined, command: string): string {
  return lacking(missing, `no ${what}${partial ? ` (${partial})` : ''}`, command)
}

/** The speed rules agent and fast share: decode measured and above the floor. */
function decodeExclusion(c: Candidate, p: PickPolicy, missing: string[]): string | undefined {
  if (!c.decodeTokS) return noDecode(c, missing)
  if (c.decodeTokS.value < p.minDecodeTokS)
    return `decode ${fmt(c.decodeTokS.value, 'tok/s')}${c.decodeTokS.estimated ? ' (estimated tokens)' : ''} < floor ${p.minDecodeTokS} tok/s`
  return undefined
}

/** `(decode from estimated token counts)` when the chosen candidate's speed rests on estimates. */
const estimatedNote = (c: Candidate | undefined) =>
  c?.decodeTokS?.estimated ? '; its decode speed rests on estimated token counts (no usage from the server)' : ''

type Common = ReturnType<typeof onCommonDatasets>

/** The agent's rules after decode speed: TTFT on the coding set under the ceiling, and quality evidence. */
function agentExclusion(c: Candidate, on: Common, p: PickPolicy, missing: string[]): string | undefined {
  const w = p.agentWeights
  const [swe, tool] = [on.sweOf(c), on.toolOf(c)]
  if (!c.codingP90TtftMs) return noCodingSet(c, missing, 'TTFT')
  if (c.codingP90TtftMs.value > p.maxCodingP90TtftMs)
    return `p90 TTFT ${fmt(c.codingP90TtftMs.value, 'ms')} > ceiling ${p.maxCodingP90TtftMs} ms`
  if (!swe && !tool)
    return lacking(
      missing,
      `no SWE or tool-calling evidence over a whole suite${partialOf(c, on)}`,
      hint.swe(c),
      hint.toolCalling(c),
    )
  if (w && w.swe > 0 && !swe) return `no SWE evidence on ${on.swe ?? 'a whole SWE dataset'} (weighted)`
  if (w && w.tool > 0 && !tool)
    return noSuite(
      missing,
      `tool-calling evidence over ${toolScope(on)} (weighted)`,
      c.partial?.tools,
      hint.toolCalling(c),
    )
  return undefined
}

/** `the whole suite`, or the imported file the candidates were compared on. */
const toolScope = (on: Common) => (!on.tools || on.tools === 'suite' ? 'the whole suite' : `the whole of ${on.tools}`)

/** agent: highest SWE resolved rate, then tool-calling accuracy, among models fast enough to work with. */
export function pickAgent(candidates: Candidate[], p: PickPolicy): ClassDecision {
  const missing: string[] = []
  const on = onCommonDatasets(candidates)
  const w = p.agentWeights
  const scored = candidates.map((c): Scored => {
    const [swe, tool] = [on.sweOf(c), on.toolOf(c)]
    const figures = {
      swe_resolved: swe?.value ?? null,
      tool_accuracy: tool?.value ?? null,
      decode_tok_s: c.decodeTokS?.value ?? null,
      coding_p90_ttft_ms: c.codingP90TtftMs?.value ?? null,
    }
    const excluded = decodeExclusion(c, p, missing) ?? agentExclusion(c, on, p, missing)
    if (!swe) missing.push(hint.swe(c))
    const keys = w ? [w.swe * (swe?.value ?? 0) + w.tool * (tool?.value ?? 0)] : [swe?.value ?? -1, tool?.value ?? -1]
    const ranked = row(c, w ? {...figures, weighted_score: keys[0] ?? 0} : figures, excluded)
    return {ranked, keys, speed: speedOf(c)}
  })
  return decide('agent', scored, missing, (best) => {
    const c = candidates.find((x) => x.id === best.candidate) as Candidate
    const [swe, tool] = [on.sweOf(c), on.toolOf(c)]
    const floors = `among models decoding ≥ ${p.minDecodeTokS} tok/s with p90 TTFT ≤ ${p.maxCodingP90TtftMs} ms on the whole coding set${estimatedNote(c)}`
    if (w)
      return `highest weighted score (${(best.figures.weighted_score ?? 0).toFixed(3)} = ${w.swe} × SWE resolved ${pct(swe?.value ?? 0)} + ${w.tool} × tool-calling accuracy ${pct(tool?.value ?? 0)}) ${floors}`
    const by = swe
      ? `highest SWE resolved rate (${pct(swe.value)} on ${swe.dataset}, ${swe.agent} agent)`
      : `highest first-try tool-calling accuracy (${pct(tool?.value ?? 0)} over ${toolScope(on)}${on.swe ? '' : '; no SWE runs yet'})`
    return `${by} ${floors}${modesNote(candidates)}`
  })
}

const partialOf = (c: Candidate, on: Common) => {
  const other = [c.sweResolved, c.toolAccuracy]
    .filter((f) => f && f.dataset !== on.swe && f.dataset !== on.tools)
    .map((f) => `${f?.dataset} is not the dataset compared`)
  const parts = [c.partial?.swe, c.partial?.tools, ...other].filter(Boolean)
  return parts.length ? ` (${parts.join('; ')})` : ''
}

/** Tool-calling accuracies measured in different modes are flagged where they are ranked side by side. */
function modesNote(candidates: Candidate[]): string {
  const modes = [...new Set(candidates.flatMap((c) => (c.toolAccuracy ? [c.toolAccuracy.mode] : [])))]
  return modes.length > 1
    ? `; note: tool-calling accuracies were measured in different modes (${modes.join(', ')})`
    : ''
}

/** fast: lowest time to the first answer token, then highest decode speed, among models whose tool calls are good enough. */
export function pickFast(candidates: Candidate[], p: PickPolicy): ClassDecision {
  const missing: string[] = []
  const on = onCommonDatasets(candidates)
  const scored = candidates.map((c): Scored => {
    const figures = {
      median_ttft_ms: c.medianTtftMs?.value ?? null,
      decode_tok_s: c.decodeTokS?.value ?? null,
      tool_accuracy: on.toolOf(c)?.value ?? null,
    }
    const tool = on.toolOf(c)
    let excluded: string | undefined
    if (!tool)
      excluded = noSuite(missing, `tool-calling evidence over ${toolScope(on)}`, c.partial?.tools, hint.toolCalling(c))
    else if (tool.value < p.minFastToolAccuracy)
      excluded = `tool-calling accuracy ${pct(tool.value)} < floor ${pct(p.minFastToolAccuracy)}`
    else if (!c.decodeTokS) excluded = noDecode(c, missing)
    else if (!c.medianTtftMs) excluded = noCodingSet(c, missing, 'TTFT')
    const keys = [-(c.medianTtftMs?.value ?? Number.POSITIVE_INFINITY), c.decodeTokS?.value ?? 0]
    return {ranked: row(c, figures, excluded), keys, speed: speedOf(c)}
  })
  return decide('fast', scored, missing, (best) => {
    const c = candidates.find((x) => x.id === best.candidate)
    return `lowest time to the first answer token (${fmt(best.figures.median_ttft_ms ?? 0, 'ms')} median at concurrency 1 on the whole coding set) among models with tool-calling accuracy ≥ ${pct(p.minFastToolAccuracy)}${estimatedNote(c)}`
  })
}

/** long_context: the largest context served, among models that still answer acceptably at long context. */
export function pickLongContext(candidates: Candidate[], p: PickPolicy): ClassDecision {
  const missing: string[] = []
  const scored = candidates.map((c): Scored => {
    const figures = {
      context_length: c.contextLength ?? null,
      long_context_accuracy: c.longContextAccuracy?.value ?? null,
    }
    let excluded: string | undefined
    if (c.contextLength === undefined) excluded = 'context length unknown (register the endpoint or probe it)'
    else if (!c.longContextAccuracy)
      excluded = noSuite(
        missing,
        'long_context evidence over the whole category',
        c.partial?.longContext,
        hint.longContext(c),
      )
    else if (c.longContextAccuracy.value < p.minLongContextAccuracy)
      excluded = `long_context accuracy ${pct(c.longContextAccuracy.value)} < floor ${pct(p.minLongContextAccuracy)}`
    const keys = [c.contextLength ?? 0, c.longContextAccuracy?.value ?? 0]
    return {ranked: row(c, figures, excluded), keys, speed: speedOf(c)}
  })
  return decide(
    'long_context',
    scored,
    missing,
    (best) =>
      `largest context served (${best.figures.context_length} tokens) with long_context accuracy ≥ ${pct(p.minLongContextAccuracy)}`,
  )
}
