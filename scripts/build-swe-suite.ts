// Writes evals/swe/dataset.jsonl from the suite's task folders: base commit, gold patch and test_patch are computed
// by git from the files (see src/evals/swe/suite-repos.ts). Run after editing a task: npm run swe-suite
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {buildInstance} from '../src/evals/swe/suite-repos.js'
import {loadTaskSpecs, SUITE_DIR} from '../src/evals/swe/suite-spec.js'

const specs = loadTaskSpecs()
const rows = await Promise.all(specs.map((spec) => buildInstance(spec)))
writeFileSync(join(SUITE_DIR, 'dataset.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${rows.length} instances to evals/swe/dataset.jsonl`)
