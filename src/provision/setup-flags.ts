import {Flags} from '@oclif/core'

/** The flags of `oac setup`. */
export const setupFlags = {
  profile: Flags.string({required: true, description: 'profile id (see oac profiles)'}),
  'dry-run': Flags.boolean({default: false, description: 'print every command and file; run and write nothing'}),
  yes: Flags.boolean({char: 'y', default: false, description: 'do not ask before changing this machine'}),
  only: Flags.string({options: ['engine', 'models', 'service'], description: 'run one group of steps'}),
  hardware: Flags.string({
    description: 'plan for another box: a folder of captured tool outputs, or a file saved from oac detect --json',
  }),
  force: Flags.boolean({default: false, description: 'set up a profile that does not match or fit this hardware'}),
  'emit-ansible': Flags.string({description: 'write Ansible variables for ansible/site.yml to DIR and stop'}),
  'base-port': Flags.integer({min: 1, max: 65535, description: "first server's port (default: the engine's usual)"}),
  'health-timeout': Flags.integer({min: 1, default: 900, description: 'seconds to wait for a server to be healthy'}),
  'engine-version': Flags.string({
    description:
      'install this engine version instead of the pinned one (src/engines/pins.ts): a pip version, a llama.cpp bNNNN or Ollama vX.Y.Z tag',
  }),
  'allow-unpinned-code': Flags.boolean({
    default: false,
    description: 'serve a model whose --trust-remote-code Python is not pinned to a commit (refused otherwise)',
  }),
  adapter: Flags.string({
    description:
      'serve the primary model with this LoRA adapter as a model of its own: a PEFT directory (vLLM, MLX, Ollama) or a GGUF file (llama.cpp, Ollama)',
  }),
  'adapter-role': Flags.string({
    dependsOn: ['adapter'],
    options: ['primary', 'fast'],
    description: 'the planned model the adapter was trained on (default: primary)',
  }),
  'adapter-name': Flags.string({
    dependsOn: ['adapter'],
    description: "the tuned model's name, and its endpoint <profile>-<name> (default: <model>-tuned)",
  }),
}

/** `--adapter`, `--adapter-name` and `--adapter-role` as the setup option. */
export function adapterOption(f: {adapter?: string; 'adapter-name'?: string; 'adapter-role'?: string}) {
  return f.adapter ? {adapter: {path: f.adapter, name: f['adapter-name'], role: f['adapter-role']}} : {}
}
