import {hint} from './hints.js'
import type {Candidate, ClassDecision, PickPolicy, Ranked, TaskClass} from './types.js'

// The rules, one pure function per task class: filter by floors, rank the rest, explain. A candidate lacking a
// figure a rule needs is excluded by that rule ("no evidence"), and the command that would measure it is listed.

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
}

function row(c: Candidate, figures: Ranked['figures'], excludedBy?: string): Ranked {
  const runIds = [c.decodeTokS, c.codingP90TtftMs, c.medianTtftMs, c.toolAccuracy, c.longContextAccuracy, c.sweResolved]
    .map((f) => f?.runId)
    .filter((id): id is number => id !== undefined)
  return {candidate: c.id, model: c.model, figures, runIds: [...new Set(runIds)], ...(excludedBy ? {excludedBy} : {})}
}

function decide(
  taskClass: TaskClass,
  scored: Scored[],
  missing: string[],
  why: (best: Ranked) => string,
): ClassDecision {
  const eligible = scored.filter((s) => !s.ranked.excludedBy)
  eligible.sort((a, b) => {
    for (let i = 0; i < Math.max(a.keys.length, b.keys.length); i++) {
      const d = (b.keys[i] ?? 0) - (a.keys[i] ?? 0)
      if (d !== 0) return d
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

/** agent: highest SWE resolved rate, then tool-calling accuracy, among models fast enough to work with. */
export function pickAgent(candidates: Candidate[], p: PickPolicy): ClassDecision {
  const missing: string[] = []
  const anySwe = candidates.some((c) => c.sweResolved)
  const w = p.agentWeights
  const scored = candidates.map((c): Scored => {
    const figures = {
      swe_resolved: c.sweResolved?.value ?? null,
      tool_accuracy: c.toolAccuracy?.value ?? null,
      decode_tok_s: c.decodeTokS?.value ?? null,
      coding_p90_ttft_ms: c.codingP90TtftMs?.value ?? null,
    }
    let excluded: string | undefined
    if (!c.decodeTokS) excluded = lacking(missing, 'no decode-speed evidence', hint.decode(c))
    else if (c.decodeTokS.value < p.minDecodeTokS)
      excluded = `decode ${fmt(c.decodeTokS.value, 'tok/s')} < floor ${p.minDecodeTokS} tok/s`
    else if (!c.codingP90TtftMs)
      excluded = lacking(missing, 'no TTFT evidence on the coding dataset', hint.codingTtft(c))
    else if (c.codingP90TtftMs.value > p.maxCodingP90TtftMs)
      excluded = `p90 TTFT ${fmt(c.codingP90TtftMs.value, 'ms')} > ceiling ${p.maxCodingP90TtftMs} ms`
    else if (!c.sweResolved && !c.toolAccuracy)
      excluded = lacking(missing, 'no SWE or tool-calling evidence', hint.swe(c), hint.toolCalling(c))
    else if (w && w.swe > 0 && !c.sweResolved) excluded = 'no SWE evidence (weighted)'
    else if (w && w.tool > 0 && !c.toolAccuracy)
      excluded = lacking(missing, 'no tool-calling evidence (weighted)', hint.toolCalling(c))
    if (!c.sweResolved) missing.push(hint.swe(c))
    const keys = w
      ? [w.swe * (c.sweResolved?.value ?? 0) + w.tool * (c.toolAccuracy?.value ?? 0)]
      : [c.sweResolved?.value ?? -1, c.toolAccuracy?.value ?? -1]
    return {ranked: row(c, w ? {...figures, weighted_score: keys[0] ?? 0} : figures, excluded), keys}
  })
  return decide('agent', scored, missing, (best) => {
    const c = candidates.find((x) => x.id === best.candidate) as Candidate
    if (w)
      return `highest weighted score (${(best.figures.weighted_score ?? 0).toFixed(3)} = ${w.swe} × SWE resolved ${pct(c.sweResolved?.value ?? 0)} + ${w.tool} × tool-calling accuracy ${pct(c.toolAccuracy?.value ?? 0)}) among models decoding ≥ ${p.minDecodeTokS} tok/s with p90 TTFT ≤ ${p.maxCodingP90TtftMs} ms`
    const by = c.sweResolved
      ? `highest SWE resolved rate (${pct(c.sweResolved.value)}, ${c.sweResolved.agent} agent)`
      : `highest tool-calling accuracy (${pct(c.toolAccuracy?.value ?? 0)}${anySwe ? '' : '; no SWE runs yet'})`
    return `${by} among models decoding ≥ ${p.minDecodeTokS} tok/s with p90 TTFT ≤ ${p.maxCodingP90TtftMs} ms`
  })
}

/** fast: lowest TTFT, then highest decode speed, among models whose tool calls are good enough. */
export function pickFast(candidates: Candidate[], p: PickPolicy): ClassDecision {
  const missing: string[] = []
  const scored = candidates.map((c): Scored => {
    const figures = {
      median_ttft_ms: c.medianTtftMs?.value ?? null,
      decode_tok_s: c.decodeTokS?.value ?? null,
      tool_accuracy: c.toolAccuracy?.value ?? null,
    }
    let excluded: string | undefined
    if (!c.toolAccuracy) excluded = lacking(missing, 'no tool-calling evidence', hint.toolCalling(c))
    else if (c.toolAccuracy.value < p.minFastToolAccuracy)
      excluded = `tool-calling accuracy ${pct(c.toolAccuracy.value)} < floor ${pct(p.minFastToolAccuracy)}`
    else if (!c.medianTtftMs || !c.decodeTokS) excluded = lacking(missing, 'no speed evidence', hint.decode(c))
    return {ranked: row(c, figures, excluded), keys: [-(c.medianTtftMs?.value ?? Infinity), c.decodeTokS?.value ?? 0]}
  })
  return decide(
    'fast',
    scored,
    missing,
    (best) =>
      `lowest TTFT (${fmt(best.figures.median_ttft_ms ?? 0, 'ms')} median at concurrency 1) among models with tool-calling accuracy ≥ ${pct(p.minFastToolAccuracy)}`,
  )
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
    else if (!c.longContextAccuracy) excluded = lacking(missing, 'no long_context evidence', hint.longContext(c))
    else if (c.longContextAccuracy.value < p.minLongContextAccuracy)
      excluded = `long_context accuracy ${pct(c.longContextAccuracy.value)} < floor ${pct(p.minLongContextAccuracy)}`
    return {ranked: row(c, figures, excluded), keys: [c.contextLength ?? 0, c.longContextAccuracy?.value ?? 0]}
  })
  return decide(
    'long_context',
    scored,
    missing,
    (best) =>
      `largest context served (${best.figures.context_length} tokens) with long_context accuracy ≥ ${pct(p.minLongContextAccuracy)}`,
  )
}
