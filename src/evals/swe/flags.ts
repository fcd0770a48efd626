import {Flags} from '@oclif/core'
import {prose} from '../../cli/prose.js'

// `oac eval swe`'s help and flags, kept beside the module so the command stays a thin shell.

export const SWE_DESCRIPTION =
  prose(`Each attempt gets a fresh checkout of base_commit; after the agent stops, its diff is applied to another fresh
checkout, the files test_patch touches are reset, and FAIL_TO_PASS and PASS_TO_PASS run. Without --dataset it runs
the shipped suite (evals/swe/dataset.jsonl, 30 tasks). --agent cmd:TEMPLATE runs any agent: {workspace} {problem_file} {endpoint}
{model} are filled in (and OPENAI_BASE_URL, OPENAI_MODEL are set). --judge PREDICTIONS.jsonl scores SWE-bench
predictions (instance_id, model_name_or_path, model_patch) from any harness, with no agent and no endpoint.
Exit 0: all resolved; 1: some not resolved (or not predicted); 2: bad input; 130/143: interrupted by Ctrl-C/SIGTERM
(finished instances kept, --resume RUN_ID finishes the run).`)

export const SWE_EXAMPLES = [
  '<%= config.bin %> eval swe --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder -j 2',
  '<%= config.bin %> eval swe --engine rtx5090-primary --agent \'cmd:qwen -p "$(cat {problem_file})" --yolo\'',
  '<%= config.bin %> eval swe --dataset tasks.jsonl --repos ./repos --endpoint http://127.0.0.1:8000 --model m --json',
  '<%= config.bin %> eval swe --dataset tasks.jsonl --judge predictions.jsonl -j 2',
  '<%= config.bin %> eval swe --resume 12',
]

export const sweFlags = {
  endpoint: Flags.string({description: 'OpenAI base URL (with or without /v1)'}),
  engine: Flags.string({description: 'a registered endpoint (name or id) instead of --endpoint'}),
  model: Flags.string({description: 'model id as the server serves it'}),
  dataset: Flags.string({description: 'SWE-bench-style JSONL (default: the shipped suite)'}),
  repos: Flags.string({description: 'folder of the git repositories (owner__name or the repo path)'}),
  agent: Flags.string({default: 'builtin', description: "builtin, or 'cmd:TEMPLATE'"}),
  instances: Flags.string({description: 'comma-separated instance ids'}),
  limit: Flags.integer({min: 1, description: 'first N instances'}),
  repeat: Flags.integer({min: 1, default: 1, description: 'attempts per instance (pass@1 averaged, pass^k)'}),
  jobs: Flags.integer({char: 'j', min: 1, default: 1, description: 'attempts in parallel'}),
  'max-turns': Flags.integer({min: 1, default: 50, description: 'built-in agent: model requests per task'}),
  'token-budget': Flags.integer({min: 0, default: 0, description: 'built-in agent: tokens per task (0: none)'}),
  'agent-timeout': Flags.integer({min: 1, default: 1800, description: 'seconds the agent may take per task'}),
  'test-timeout': Flags.integer({min: 1, default: 300, description: 'seconds for setup + tests per task'}),
  resume: Flags.integer({min: 1, description: 'finish this interrupted run (same tasks, agent and endpoint)'}),
  predictions: Flags.string({description: 'write SWE-bench predictions JSONL here'}),
  judge: Flags.string({description: 'judge these SWE-bench predictions (JSONL) instead of running an agent'}),
  save: Flags.boolean({default: true, allowNo: true, description: 'save the run to the results store'}),
}
