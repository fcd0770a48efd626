// An MCP tool result as the text the model reads: text parts as they are, other parts named by what they are.

interface Part {
  type: string
  text?: string
  mimeType?: string
  uri?: string
  resource?: {uri?: string; text?: string; mimeType?: string}
}

function partText(p: Part): string {
  switch (p.type) {
    case 'text':
      return p.text ?? ''
    case 'image':
    case 'audio':
      return `[${p.type} ${p.mimeType ?? ''}]`.replace(' ]', ']')
    case 'resource':
      return p.resource?.text ?? `[resource ${p.resource?.uri ?? ''}]`
    case 'resource_link':
      return `[resource link ${p.uri ?? ''}]`
    default:
      return `[${p.type}]`
  }
}

export function mcpResultText(result: Record<string, unknown>): string {
  const parts = Array.isArray(result.content) ? (result.content as Part[]) : []
  if (parts.length) return parts.map(partText).join('\n')
  if (result.structuredContent !== undefined) return JSON.stringify(result.structuredContent)
  return '(no output)'
}
