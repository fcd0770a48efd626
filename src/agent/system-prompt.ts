import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {packageRoot} from '../paths.js'

// The system prompt: oac's instructions (evals/agent/system-prompt.txt, data rather than code, shipped with the
// package) followed by the project's own AGENTS.md or CLAUDE.md. It is built once per session and never changes
// afterwards, so the engine's prefix cache keeps every earlier turn.

export const SYSTEM_PROMPT_FILE = join(packageRoot, 'evals', 'agent', 'system-prompt.txt')
const PROJECT_FILES = ['AGENTS.md', 'CLAUDE.md']
/** Project instructions beyond this many characters are cut (a long file would crowd out the conversation). */
const MAX_PROJECT_CHARS = 12_000

export interface SystemPrompt {
  text: string
  /** oac's own part. */
  base: string
  /** Which project file was appended, if any. */
  projectFile?: string
}

async function projectInstructions(root: string): Promise<{file: string; text: string} | undefined> {
  for (const file of PROJECT_FILES) {
    const text = await readFile(join(root, file), 'utf8').catch(() => undefined)
    if (text?.trim()) return {file, text: text.trim()}
  }
  return undefined
}

export async function buildSystemPrompt(root: string): Promise<SystemPrompt> {
  const base = (await readFile(SYSTEM_PROMPT_FILE, 'utf8')).trim()
  const project = await projectInstructions(root)
  if (!project) return {text: base, base}
  const body =
    project.text.length > MAX_PROJECT_CHARS
      ? `${project.text.slice(0, MAX_PROJECT_CHARS)}\n[… ${project.file} cut at ${MAX_PROJECT_CHARS} characters; read it for the rest]`
      : project.text
  return {text: `${base}\n\n# Project instructions (${project.file})\n\n${body}`, base, projectFile: project.file}
}
