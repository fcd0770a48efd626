import {mlxRepo} from '../engines/mlx.js'
import {checkpoint} from '../engines/vllm.js'
import type {ModelSpec} from '../profiles/schema.js'
import type {FleetPlan, PlannedHost} from './types.js'

// Each engine's own cluster tooling, with the flags its documentation gives:
// - vLLM: `ray start --head` on the head node and `ray start --address=<head>:6379` on the others (--block keeps
//   each in the foreground, for a service manager), then
//   `vllm serve` on the head with --tensor-parallel-size = GPUs per node and --pipeline-parallel-size = nodes
//   (docs.vllm.ai serving/parallelism_scaling and examples/online_serving/multi-node-serving.sh).
// - llama.cpp: `rpc-server -H <bind> -p <port>` on every other host, then `llama-server --rpc host:port,...` on the
//   main host; it splits layers over its own and the remote devices by their memory (tools/rpc/README.md).
// - MLX: `mlx.launch --hostfile hosts.json --backend ring` with a JSON host file of {"ssh", "ips"} entries
//   (ml-explore.github.io/mlx usage/launching_distributed).

const RAY_PORT = 6379
const RPC_PORT = 50052

export interface Launch {
  launch: FleetPlan['launch']
  files: FleetPlan['files']
  notes: string[]
}

function vllm(plan: FleetPlan, hosts: PlannedHost[], spec: ModelSpec, kvType: string): Launch {
  const [head, ...workers] = hosts
  if (!head) return {launch: [], files: [], notes: []}
  const address = head.host.ansible_host ?? head.host.name
  const ckpt = checkpoint(plan.model, spec, plan.quantization)
  const serve = [
    'vllm',
    'serve',
    ckpt.repo,
    ...ckpt.args,
    '--tensor-parallel-size',
    String(plan.layout.tensorParallel),
    '--pipeline-parallel-size',
    String(plan.layout.pipelineParallel),
    '--distributed-executor-backend',
    'ray',
    '--max-model-len',
    String(plan.context),
    '--max-num-seqs',
    String(plan.parallel),
    '--gpu-memory-utilization',
    String(head.profile.memoryFraction),
    '--kv-cache-dtype',
    kvType,
    '--host',
    '0.0.0.0',
    '--port',
    String(head.host.oac_port),
    ...(spec.toolCallParser ? ['--enable-auto-tool-choice', '--tool-call-parser', spec.toolCallParser] : []),
  ]
  return {
    launch: [
      {host: head.host.name, command: ['ray', 'start', '--head', `--port=${RAY_PORT}`, '--block']},
      ...workers.map((w) => ({
        host: w.host.name,
        command: ['ray', 'start', `--address=${address}:${RAY_PORT}`, '--block'],
      })),
      {host: head.host.name, command: serve},
    ],
    files: [],
    notes: [...ckpt.notes, `the endpoint is ${address}:${head.host.oac_port}; workers only join the Ray cluster`],
  }
}

function llamacpp(plan: FleetPlan, hosts: PlannedHost[], kvType: string): Launch {
  const [main, ...workers] = hosts
  if (!main) return {launch: [], files: [], notes: []}
  const rpc = workers.map((w) => `${w.host.ansible_host ?? w.host.name}:${RPC_PORT}`).join(',')
  return {
    launch: [
      ...workers.map((w) => ({host: w.host.name, command: ['rpc-server', '-H', '0.0.0.0', '-p', String(RPC_PORT)]})),
      {
        host: main.host.name,
        command: [
          'llama-server',
          '-hf',
          `${plan.gguf ?? plan.model}:${plan.quantization}`,
          '--rpc',
          rpc,
          '-ngl',
          '999',
          '-c',
          String(plan.context * plan.parallel),
          '-np',
          String(plan.parallel),
          '-fa',
          'on',
          '--cache-type-k',
          kvType,
          '--cache-type-v',
          kvType,
          '--jinja',
          '--metrics',
          '--host',
          '0.0.0.0',
          '--port',
          String(main.host.oac_port),
        ],
      },
    ],
    files: [],
    notes: [
      'rpc-server has no authentication (llama.cpp tools/rpc/README.md): bind it only on the private link between these hosts',
    ],
  }
}

function mlx(plan: FleetPlan, hosts: PlannedHost[], spec: ModelSpec): Launch {
  const [first] = hosts
  if (!first) return {launch: [], files: [], notes: []}
  const entries = hosts.map((h) => ({ssh: h.host.name, ips: [h.host.ansible_host ?? h.host.name]}))
  const repo = mlxRepo(plan.model, spec, plan.quantization)
  return {
    launch: [
      {
        host: first.host.name,
        command: [
          'mlx.launch',
          '--hostfile',
          'mlx-hosts.json',
          '--backend',
          'ring',
          'pipeline_generate.py',
          '--model',
          repo,
          '--max-tokens',
          '128',
          '--prompt',
          'Say hello.',
        ],
      },
    ],
    files: [
      {
        host: first.host.name,
        path: 'mlx-hosts.json',
        content: `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`,
      },
    ],
    notes: [
      "pipeline_generate.py is mlx-lm's pipeline-parallel example (mlx_lm/examples); it needs passwordless ssh between the Macs",
      "mlx-lm's server has no distributed mode yet (ml-explore/mlx-lm#409): this launch is a generation run, not an endpoint oac can route to",
      'raise the GPU wired limit on each Mac (sudo sysctl iogpu.wired_limit_mb=...) to use more than the default share',
    ],
  }
}

export function launchCommands(plan: FleetPlan, hosts: PlannedHost[], spec: ModelSpec, kvType: string): Launch {
  if (plan.refused) return {launch: [], files: [], notes: []}
  if (plan.engine === 'vllm') return vllm(plan, hosts, spec, kvType)
  if (plan.engine === 'llamacpp') return llamacpp(plan, hosts, kvType)
  return mlx(plan, hosts, spec)
}
