import {Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'
import {UsageError} from '../../errors.js'

export default class AgentTrust extends OacCommand {
  static override summary = "Show what this project's own files change, and trust them (or not)."
  static override description =
    `A cloned repository's .oac/settings.json, .mcp.json, .oac/mcp.json and .oac/commands/ can send
the session to another server, loosen the sandbox and permissions, and start programs. oac agent ignores all of it
until you trust the project here: this shows exactly what those files change, asks, and keeps your answer in your
config dir for their content (any change asks again). --trust-project on oac agent trusts them for one run.
Exit 2: no terminal to ask and no --yes.`
  static override examples = [
    '<%= config.bin %> agent trust',
    '<%= config.bin %> agent trust --yes',
    '<%= config.bin %> agent trust --revoke',
  ]
  static override enableJsonFlag = true
  static override flags = {
    yes: Flags.boolean({char: 'y', default: false, description: 'trust what is shown without asking'}),
    revoke: Flags.boolean({default: false, description: 'forget the trust and the MCP approvals of this project'}),
  }

  async run() {
    const {flags} = await this.parse(AgentTrust)
    const actions = await import('../../agent/trust/trust-actions.js')
    if (flags.revoke) {
      const r = await actions.revokeTrust(process.cwd())
      this.log(`${r.root}: no longer trusted.`)
      return {...r, state: 'untrusted'}
    }
    const report = await actions.projectTrustReport(process.cwd())
    this.log(actions.renderTrustReport(report))
    if (!report.files.length || report.state === 'trusted') return report
    if (!flags.yes) {
      if (!process.stdin.isTTY || flags.json)
        throw new UsageError('No terminal to ask: run `oac agent trust --yes` to trust the project as shown.')
      const {askYesNo} = await import('../../cli/ask-yes-no.js')
      if (!(await askYesNo('Trust this project? [y/N] '))) {
        this.log('Not trusted: oac agent keeps ignoring these files.')
        return report
      }
    }
    const trusted = await actions.trustProject(process.cwd())
    this.log(`Trusted ${trusted.root} as its files are now.`)
    return trusted
  }
}
