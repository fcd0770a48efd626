#!/usr/bin/env -S node --import tsx
// Runs the CLI from src/ without a build (oclif registers tsx itself in development mode). The root plugin is
// loaded with ignoreManifest: oclif.manifest.json describes dist/ and would hide commands added since the last build.
import {execute, Plugin} from '@oclif/core'

process.env.NODE_ENV = 'development'
const root = new URL('..', import.meta.url).pathname
const plugin = new Plugin({root, isRoot: true, ignoreManifest: true})
await plugin.load()
await execute({development: true, loadOptions: {root, plugins: new Map([[plugin.name, plugin]])}})
