import {existsSync, statSync} from 'node:fs'
import type {Target} from '../../cli/resolve-target.js'
import {UsageError} from '../../errors.js'
import {openAiBaseUrl} from '../../llm/endpoint.js'
import {makeDir, prepareOutputFile} from '../../make-dir.js'
import type {SweRunOptions} from './run-options.js'

// `oac eval swe` flags as the command parses them, turned into run options (pure).

export interface SweFlags {
  dataset?: string | undefined
  repos?: string | undefined
  agent: string
  instances?: string | undefined
  limit?: number | undefined
  repeat: number
  jobs: number
  'max-turns': number
  'token-budget': number
  'agent-timeout': number
  'test-timeout': number
  save: boolean
  resume?: number | undefined
  predictions?: string | undefined
  judge?: string | undefined
}

export function toSweOptions(flags: SweFlags, target: Target | undefined, signal: AbortSignal): SweRunOptions {
  if (flags.judge && flags.repeat > 1)
    throw new UsageError('--judge scores one prediction per instance; --repeat is for agents (drop --repeat)')
  if (flags.judge && flags.agent !== 'builtin')
    throw new UsageError('--judge scores the predictions file: it runs no agent (drop --agent)')
  // Checked before any repository is built or run stored.
  if (flags.agent !== 'builtin' && !/^cmd:\s*\S/.test(flags.agent))
    throw new UsageError(`Expected --agent to be builtin or cmd:TEMPLATE (a shell command), got \`${flags.agent}\``)
  // With --dataset the folder must already hold the dataset's repositories; the shipped tasks build theirs into it,
  // so there a missing folder is made (and one that cannot be is exit 2 before any work).
  if (flags.repos && !flags.dataset && !existsSync(flags.repos)) makeDir(flags.repos)
  if (flags.repos && !statSync(flags.repos, {throwIfNoEntry: false})?.isDirectory())
    throw new UsageError(`--repos ${flags.repos} is not a folder (it holds the git repositories, as owner__name)`)
  if (flags.predictions) prepareOutputFile(flags.predictions, '--predictions')
  return {
    ...(flags.dataset ? {dataset: flags.dataset} : {}),
    ...(flags.repos ? {reposDir: flags.repos} : {}),
    agent: flags.agent,
    endpoint: target ? openAiBaseUrl(target.url) : '',
    model: target?.model ?? '',
    ...(target?.endpointId !== undefined ? {endpointId: target.endpointId} : {}),
    ...(target?.engine ? {engine: target.engine} : {}),
    ...(flags.instances
      ? {
          instances: flags.instances
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    ...(flags.limit ? {limit: flags.limit} : {}),
    repeat: flags.repeat,
    concurrency: flags.jobs,
    maxTurns: flags['max-turns'],
    tokenBudget: flags['token-budget'],
    agentTimeoutS: flags['agent-timeout'],
    testTimeoutS: flags['test-timeout'],
    save: flags.save,
    ...(flags.resume !== undefined ? {resume: flags.resume} : {}),
    ...(flags.predictions ? {predictions: flags.predictions} : {}),
    ...(flags.judge ? {judge: flags.judge} : {}),
    signal,
  }
}
