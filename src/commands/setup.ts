import {OacCommand} from '../cli/oac-command.js'
import {adapterOption, setupFlags} from '../provision/setup-flags.js'

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
anything changes (exit 2) unless --force; a dry run prints the same warning and goes on.
--adapter serves a planned model (--adapter-role) with a LoRA adapter (oac finetune) and registers it as <profile>-<name>.`
  static override examples = [
    '<%= config.bin %> setup --profile rtx5090 --dry-run',
    '<%= config.bin %> setup --profile dual-4090 --yes',
    '<%= config.bin %> setup --profile m4-max --only models --yes',
    '<%= config.bin %> setup --profile dual-4090 --hardware captures/box2 --emit-ansible ansible/vars',
    '<%= config.bin %> setup --profile dual-4090 --adapter out/adapter --adapter-name mycode --dry-run',
  ]
  static override flags = setupFlags

  async run(): Promise<void> {
    const {flags} = await this.parse(Setup)
    const {buildSetup} = await import('../provision/setup.js')
    const setup = await buildSetup({
      profile: flags.profile,
      ...(flags.hardware ? {hardwarePath: flags.hardware} : {}),
      ...(flags['base-port'] ? {basePort: flags['base-port']} : {}),
      healthTimeoutMs: flags['health-timeout'] * 1000,
      ...(flags.only ? {only: flags.only as 'engine' | 'models' | 'service'} : {}),
      ...(flags['engine-version'] ? {engineVersion: flags['engine-version']} : {}),
      ...(flags['allow-unpinned-code'] ? {allowUnpinnedCode: true} : {}),
      ...adapterOption(flags),
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
      const {confirmSetup} = await import('../provision/confirm-setup.js')
      await confirmSetup(flags.profile, setup.steps.length)
    }
    const {runSteps} = await import('../provision/run-steps.js')
    const outcomes = await runSteps(setup.steps, {tty: Boolean(process.stdout.isTTY)})
    const {summarizeOutcomes} = await import('../provision/confirm-setup.js')
    this.log(`${flags.profile}: ${summarizeOutcomes(outcomes)}`)
  }
}
