#!/usr/bin/env -S node --import tsx
// Runs the CLI from src/ without a build (oclif registers tsx itself in development mode).
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
