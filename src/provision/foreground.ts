import {execa} from 'execa'
import type {SelectedServer} from './config.js'

// `oac engine start --foreground`: the launch scripts as child processes of this one, their output prefixed with the
// server's name, until Ctrl-C (or until one exits). No service manager involved.

export async function runForeground(selected: SelectedServer[], log: (line: string) => void): Promise<number> {
  const children = selected.map(({server}) => {
    const child = execa('/bin/sh', [server.script], {reject: false, stdin: 'ignore', all: true, buffer: false})
    child.all?.on('data', (d: Buffer) => {
      for (const line of d.toString().replace(/\n$/, '').split('\n')) log(`${server.name} | ${line}`)
    })
    log(`${server.name}: running ${server.script} (pid ${child.pid}) at ${server.baseUrl}`)
    return child
  })
  const stop = () => {
    for (const c of children) c.kill('SIGTERM')
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const first = await Promise.race(children.map((c) => c))
  stop()
  await Promise.all(children)
  return first.exitCode ?? 0
}
