import {access} from 'node:fs/promises'
import {join} from 'node:path'
import {INDEX_DIR} from '../rag/index-store.js'
import {MANIFEST_FILE} from '../rag/manifest.js'
import type {AgentEventListener} from './events.js'
import {searchCodeTool} from './tools/search-code.js'
import type {AgentTool} from './tools/tool.js'

// What the project's code index (`oac index`) adds to an agent session: the search_code tool, and with the
// `repoMap` setting a map of the most referenced symbols appended to the system prompt, computed once per session.

export interface CodeIndexAddOns {
  tools: AgentTool[]
  /** Appended to the system prompt ('' without a map). */
  promptSection: string
  close(): Promise<void>
}

const NONE: CodeIndexAddOns = {tools: [], promptSection: '', close: async () => {}}

export async function hasCodeIndex(root: string): Promise<boolean> {
  return access(join(root, INDEX_DIR, MANIFEST_FILE)).then(
    () => true,
    () => false,
  )
}

export async function codeIndexAddOns(
  root: string,
  emit: AgentEventListener,
  o: {repoMap?: boolean | undefined},
): Promise<CodeIndexAddOns> {
  if (!(await hasCodeIndex(root))) return NONE
  const search = searchCodeTool(root, (message) => emit({type: 'notice', message}))
  let promptSection = ''
  if (o.repoMap) {
    const [{IndexStore}, {repoMap}] = await Promise.all([import('../rag/index-store.js'), import('../rag/repo-map.js')])
    try {
      const store = await IndexStore.open(root, {create: false})
      promptSection = await repoMap(store).finally(() => store.close())
    } catch (error) {
      emit({type: 'notice', message: `No repository map: ${(error as Error).message}`})
    }
  }
  return {tools: [search.tool], promptSection, close: search.close}
}
