// File-level retrieval metrics, as SWE-bench-style localisation papers report them: for one question with gold files
// G and a ranked list of files R, recall@k = |G ∩ R[0..k)| / |G| and reciprocal rank = 1 / (rank of the first gold
// file), 0 when none is in the first 10 (MRR@10). Averages are over questions.

export interface QuestionScore {
  recallAt5: number
  recallAt10: number
  /** 1/rank of the first gold file within the first 10, else 0. */
  rr: number
  /** 1-based rank of the first gold file, or null when it is not in the list at all. */
  firstRank: number | null
}

export interface RetrievalFigures {
  questions: number
  recallAt5: number
  recallAt10: number
  mrrAt10: number
}

/** The score of one ranked list of files against the gold files (duplicates in `ranked` count once). */
export function scoreRanking(ranked: string[], gold: string[]): QuestionScore {
  const want = new Set(gold)
  const seen: string[] = []
  for (const p of ranked) if (!seen.includes(p)) seen.push(p)
  const found = (k: number) => seen.slice(0, k).filter((p) => want.has(p)).length / (want.size || 1)
  const index = seen.findIndex((p) => want.has(p))
  return {
    recallAt5: found(5),
    recallAt10: found(10),
    rr: index >= 0 && index < 10 ? 1 / (index + 1) : 0,
    firstRank: index >= 0 ? index + 1 : null,
  }
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)
const round = (x: number) => Number(x.toFixed(3))

/** Mean figures over questions, rounded to three places. */
export function aggregate(scores: QuestionScore[]): RetrievalFigures {
  return {
    questions: scores.length,
    recallAt5: round(mean(scores.map((s) => s.recallAt5))),
    recallAt10: round(mean(scores.map((s) => s.recallAt10))),
    mrrAt10: round(mean(scores.map((s) => s.rr))),
  }
}
