import {describe, expect, it} from 'vitest'
import {formatTools, toolSource} from '../../../src/agent/interactive/tool-list.js'
import {mcpToolName} from '../../../src/agent/mcp/mcp-tool.js'
import {BUILTIN_TOOLS} from '../../../src/agent/tools/index.js'
import {defineTool} from '../../../src/agent/tools/tool.js'

describe('/tools', () => {
  it('names the source of each tool: built-in or its MCP server', () => {
    expect(toolSource('read')).toBe('built-in')
    expect(toolSource(mcpToolName('files', 'read_file'))).toBe('MCP server files')
    const mcp = defineTool({
      name: mcpToolName('everything', 'echo'),
      description: '',
      parameters: {},
      run: async () => '',
    })
    const lines = formatTools([...BUILTIN_TOOLS.slice(0, 2), mcp]).split('\n')
    expect(lines).toEqual([
      '  read                   built-in',
      '  write                  built-in, asks first',
      '  mcp__everything__echo  MCP server everything',
    ])
  })
})
