import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'

// A program in a real terminal: a detached tmux session on a server of its own, with its socket in a temp dir (so
// that the test's sessions and a user's never mix), read with capture-pane and driven with send-keys.

export class TmuxSession {
  private readonly dir = mkdtempSync(join(tmpdir(), 'oac-tmux-'))
  readonly name = 'oac'

  private tmux(...args: string[]) {
    return execa('tmux', ['-S', join(this.dir, 'socket'), ...args], {reject: false})
  }

  static async available(): Promise<boolean> {
    const r = await execa('tmux', ['-V'], {reject: false}).catch(() => undefined)
    return r?.exitCode === 0
  }

  /** Starts `command` (a shell command line) in `cwd` on a terminal of width x height. */
  async start(command: string, cwd: string, width = 200, height = 50): Promise<void> {
    const size = ['-x', `${width}`, '-y', `${height}`]
    // remain-on-exit keeps the last screen of a program that prints and exits between two polls (oac agent --rewind
    // prints its report and ends at once): without it the session closed with it and the capture came back empty.
    // It is set on the private server before the session exists, so even an instant exit is kept.
    const session = ['new-session', '-d', '-s', this.name, ...size, '-c', cwd, command]
    const r = await this.tmux('start-server', ';', 'set-option', '-g', 'remain-on-exit', 'on', ';', ...session)
    if (r.exitCode !== 0) throw new Error(`tmux new-session failed: ${r.stderr}`)
  }

  /** Types `text` literally, then Enter. */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, '-l', text)
    await this.tmux('send-keys', '-t', this.name, 'Enter')
  }

  /** Pastes `text` as a terminal does (bracketed paste when the program turned it on). */
  async paste(text: string): Promise<void> {
    await this.tmux('set-buffer', '-b', 'oac-paste', '--', text)
    await this.tmux('paste-buffer', '-p', '-d', '-b', 'oac-paste', '-t', this.name)
  }

  /** Resizes the terminal. */
  async resize(width: number, height: number): Promise<void> {
    await this.tmux('resize-window', '-t', this.name, '-x', `${width}`, '-y', `${height}`)
  }

  async keys(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, ...keys)
  }

  /** The screen and its scrollback as plain text, wrapped lines joined. */
  async screen(): Promise<string> {
    return (await this.tmux('capture-pane', '-p', '-J', '-t', this.name, '-S', '-2000')).stdout
  }

  /** Whether the program still runs (its pane stays on screen after it exits: see start). */
  async alive(): Promise<boolean> {
    const r = await this.tmux('display-message', '-p', '-t', this.name, '#{pane_dead}')
    return r.exitCode === 0 && r.stdout.trim() === '0'
  }

  /** Polls the screen until `done` holds for it; the last screen in the error when it never does. */
  async waitFor(done: (screen: string) => boolean, what: string, timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    let screen = ''
    while (Date.now() < deadline) {
      screen = await this.screen()
      if (done(screen)) return screen
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`Timed out waiting for ${what}. The terminal shows:\n${screen}`)
  }

  async waitForExit(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (!(await this.alive())) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`The program did not exit. The terminal shows:\n${await this.screen()}`)
  }

  /** Ends the session and its server, and removes the socket. */
  async kill(): Promise<void> {
    await this.tmux('kill-server')
    rmSync(this.dir, {recursive: true, force: true})
  }
}
