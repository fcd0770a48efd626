// The license of a repository, for the dataset card: a model trained on code carries its license question with it.
// Read from the license file's well-known opening words (the SPDX texts), else package.json's `license`; `unknown`
// when neither says. Pure.

const TEXTS: [string, RegExp][] = [
  ['MIT', /Permission is hereby granted, free of charge/i],
  ['Apache-2.0', /Apache License[\s\S]{0,40}Version 2\.0/i],
  ['ISC', /Permission to use, copy, modify, and\/or distribute this software for any purpose/i],
  ['BSD-3-Clause', /Redistribution and use in source and binary forms[\s\S]*Neither the name/i],
  ['BSD-2-Clause', /Redistribution and use in source and binary forms/i],
  ['GPL-3.0', /GNU GENERAL PUBLIC LICENSE[\s\S]{0,40}Version 3/i],
  ['GPL-2.0', /GNU GENERAL PUBLIC LICENSE[\s\S]{0,40}Version 2/i],
  ['MPL-2.0', /Mozilla Public License,? (v\. |Version )2\.0/i],
]

export const LICENSE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'COPYING', 'license']

/** The SPDX id of a license text or a package.json, `unknown` when neither names one. */
export function identifyLicense(licenseText: string | undefined, packageJson: string | undefined): string {
  for (const [id, re] of TEXTS) if (licenseText && re.test(licenseText)) return id
  try {
    const license = (JSON.parse(packageJson ?? '') as {license?: unknown}).license
    if (typeof license === 'string' && license) return license
  } catch {}
  return 'unknown'
}
