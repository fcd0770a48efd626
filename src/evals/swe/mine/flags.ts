import {Args, Flags} from '@oclif/core'
import {prose} from '../../../cli/prose.js'

// `oac eval swe mine`'s help, arguments and flags, beside the module so the command stays a thin shell.

export const MINE_DESCRIPTION =
  prose(`Walks the repository's first-parent history (a merge counts as the pull request it
merged) and keeps each commit that changes code and tests as a SWE-bench task: base = its parent, patch = the
non-test diff, test_patch = the test diff, problem_statement = the commit message and the failing tests' messages.
Each candidate is validated as SWE-bench validates tasks: the tests run at base + test_patch and at base + patch +
test_patch, twice each, and the fixed state --stress-runs more times while busy processes load the CPUs; a test
whose result changes is flaky and leaves the lists with the rest of its file or suite; FAIL_TO_PASS = fail -> pass,
PASS_TO_PASS = pass -> pass; a task is kept only when FAIL_TO_PASS is not empty and the gold patch resolves it
through oac's judge. The runner (node
--test, vitest, jest, mocha, ava, tap; pytest or unittest; go test) is found per commit and told to print a report
oac reads; npm dependencies are installed once per lockfile (cached under $OAC_HOME). Work happens in oac's clone
under $OAC_HOME/swe/repos, never in your work tree or branches. It runs the project's tests: mine only code you
trust. Ctrl-C keeps every validated task; the same command goes on where it stopped. Exit 0 when it finished (even
with no task kept), 2 on bad input, 130 when interrupted.`)

export const MINE_EXAMPLES = [
  '<%= config.bin %> eval swe mine --since 2025-01-01 --limit 200 --out tasks.jsonl -j 2',
  '<%= config.bin %> eval swe mine ~/code/lib --out tasks.jsonl --hold-out-after 2025-06-01 --json',
  '<%= config.bin %> eval swe --dataset tasks.jsonl --judge gold.jsonl',
]

export const mineArgs = {
  path: Args.string({default: '.', description: 'the git repository to mine (default: the current folder)'}),
}

export const mineFlags = {
  out: Flags.string({
    required: true,
    description: 'the dataset to write (JSONL); an existing one from mine is resumed',
  }),
  since: Flags.string({description: 'only commits that landed on or after this date (YYYY-MM-DD)'}),
  until: Flags.string({description: 'only commits that landed before this date'}),
  limit: Flags.integer({min: 1, description: 'the newest N commits (after --since)'}),
  jobs: Flags.integer({char: 'j', min: 1, default: 1, description: 'commits validated in parallel'}),
  'hold-out-after': Flags.string({description: 'tasks that landed after this date are the eval split, the rest train'}),
  'test-timeout': Flags.integer({min: 1, default: 300, description: 'seconds for setup + one test run'}),
  repos: Flags.string({description: "where oac keeps its clone (default $OAC_HOME/swe/repos, eval swe's default)"}),
  'stress-runs': Flags.integer({
    min: 0,
    default: 2,
    description: 'runs of the fixed state while the CPUs are loaded, to catch tests that fail on a busy machine',
  }),
  'stress-workers': Flags.integer({
    min: 0,
    description: 'busy processes during those runs (default 4 per CPU)',
  }),
}
