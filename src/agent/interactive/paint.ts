// ANSI styles for the terminal, off when the output is not a terminal or NO_COLOR is set.

const CODES = {bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39]} as const

export type Style = keyof typeof CODES

export type Paint = (style: Style, text: string) => string

export function painter(enabled: boolean): Paint {
  return (style, text) => (enabled && text ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text)
}

/** Whether a stream should get colors. */
export function wantsColor(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb'
}
