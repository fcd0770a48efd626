import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import type {HardwareWithProfile} from '../profiles/resolve.js'

export default class Detect extends OacCommand {
  static override summary = 'Detect GPUs, Apple chip, CPU, RAM and OS, and name the matching profile.'
  static override description =
    'Uses systeminformation plus nvidia-smi, rocm-smi, sysctl and system_profiler where installed. A vendor tool that is missing or fails is reported, never fatal.'
  static override examples = [
    '<%= config.bin %> detect',
    '<%= config.bin %> detect --json',
    '<%= config.bin %> detect --hardware fixtures/hardware/rtx5090',
  ]
  static override enableJsonFlag = true
  static override flags = {
    hardware: Flags.string({
      description: 'read captured tool outputs (a folder) or a saved `oac detect --json` file instead of probing',
    }),
  }

  async run(): Promise<HardwareWithProfile> {
    const {flags} = await this.parse(Detect)
    const {detectWithProfile} = await import('../profiles/resolve.js')
    const {renderHardware} = await import('../hardware/render-report.js')
    const result = await detectWithProfile(flags.hardware)
    for (const problem of result.brokenProfiles ?? []) this.logToStderr(`Warning: profile left out: ${problem}`)
    this.log(renderHardware(result.hardware, result.profile))
    return result
  }
}
