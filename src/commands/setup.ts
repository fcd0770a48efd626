import {createInterface} from 'node:readline/promises'
import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'

export default class Setup extends OacCommand {
  static override summary =
    'Provision a profile on this machine: engine, models, service, health, smoke test, endpoint.'
  static override description =
    `Steps, in order: check the hardware and drivers against the profile, install the engine (skipped when its
version command answers), fetch the models, write the engine config and launch scripts under $OAC_HOME/engines/<profile>/,
install a systemd user unit (Linux) or a launchd agent (macOS), start it, wait until healthy, send one smoke request with a
tool call, and register the endpoints as <profile>-<role>. Every step is skipped when already done, so a second run
changes nothing. --dry-run prints every command and file and runs nothing.
A profile meant for other hardware than this machine's (or --hardware's), or a plan that does not fit, stops before
anything changes (exit 2) unless --force; a dry run prints the same warning and goes on.`
  static override examples = [
    '<%= config.bin %> setup --profile rtx5090 --dry-run',
    '<%= config.bin %> setup --profile dual-4090 --yes',
    '<%= config.bin %> setup --profile m4-max --only models --yes',
    '<%= config.bin %> setup --profile dual-4090 --hardware captures/box2 --emit-ansible ansible/vars',
  ]
  static override flags = {
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
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Setup)
    const {buildSetup} = await import('../provision/setup.js')
    const setup = await buildSetup({
      profile: flags.profile,
      ...(flags.hardware ? {hardwarePath: flags.hardware} : {}),
      ...(flags['base-port'] ? {basePort: flags['base-port']} : {}),
      healthTimeoutMs: flags['health-timeout'] * 1000,
      ...(flags.only ? {only: flags.only as 'engine' | 'models' | 'service'} : {}),
    })
    const {checkPreflight} = await import('../provision/preflight.js')
    const warnings = checkPreflight(setup.ctx, {force: flags.force, dryRun: flags['dry-run']})
    for (const warning of warnings) this.logToStderr(`Warning: ${warning}`)
    if (flags['emit-ansible']) {
      const {emitAnsible} = await import('../provision/ansible.js')
      this.log(`wrote ${emitAnsible(setup.ctx, flags['emit-ansible'])}`)
      return
    }
    if (flags['dry-run']) {
      const {renderDryRun} = await import('../provision/render.js')
      this.log(renderDryRun(setup.ctx, setup.steps))
      return
    }
    if (!flags.yes) {
      if (!process.stdin.isTTY)
        this.error('oac setup changes this machine: pass --yes, or --dry-run to see what it would do', {exit: 2})
      const rl = createInterface({input: process.stdin, output: process.stdout})
      const answer = await rl.question(`Set up ${flags.profile} (${setup.steps.length} steps)? [y/N] `)
      rl.close()
      if (!/^y(es)?$/i.test(answer.trim())) this.error('cancelled', {exit: 1})
    }
    const {runSteps} = await import('../provision/run-steps.js')
    const outcomes = await runSteps(setup.steps, {tty: Boolean(process.stdout.isTTY)})
    const failed = outcomes.find((o) => o.status === 'failed')
    if (failed) this.error(`step ${failed.id} failed: ${failed.error}`, {exit: 1})
    const done = outcomes.filter((o) => o.status === 'done').length
    const skipped = outcomes.filter((o) => o.status === 'skipped').length
    this.log(`${flags.profile}: ${done} step(s) done, ${skipped} already done`)
  }
}
