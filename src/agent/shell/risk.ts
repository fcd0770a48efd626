/** What the path guard says of a command: refuse it (it would), ask a person (it cannot be told); phrased as a predicate ("removes .git"). */
export type Risk = {kind: 'refuse' | 'ask'; reason: string}
