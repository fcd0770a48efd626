/** An error the model can act on: what was wrong and what to try. The runner turns it into an error result. */
export class ToolError extends Error {
  override name = 'ToolError'
}
