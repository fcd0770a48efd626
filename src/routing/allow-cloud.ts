import {readSettingsFile, settingsPaths} from '../agent/settings/load-settings.js'

// Whether the user allows cloud routing: `"allowCloud": true` in their own settings (~/.config/oac/settings.json,
// or $OAC_CONFIG_DIR/settings.json), and nowhere else. A routing file cannot say it (config.ts refuses the key), a
// project's .oac/settings.json cannot (load-settings.ts drops it), and there is no flag or variable for it: the
// cloud costs money and takes prompts off the box, so only the user's own file turns it on.

/** The user's `allowCloud` (false when the file or the key is absent); a broken file throws its ConfigError. */
export async function userAllowsCloud(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const settings = await readSettingsFile(settingsPaths(process.cwd(), env).user, env)
  return settings?.allowCloud === true
}

/** Where to set it, for messages. */
export const allowCloudHint = (env: NodeJS.ProcessEnv = process.env) =>
  `set "allowCloud": true in ${settingsPaths(process.cwd(), env).user}`
