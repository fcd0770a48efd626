import {accessSync, constants} from 'node:fs'
import {delimiter, join} from 'node:path'

/** Whether an executable of that name is on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}
