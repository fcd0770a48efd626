// Help text is written in the source wrapped at 120 columns; oclif keeps each of those line breaks and wraps every
// line again to the terminal, which leaves ragged half-lines in `--help`. prose() turns the source's wrapping back
// into paragraphs oclif can wrap: a single line break becomes a space (a break after a hyphen inside a word joins
// it), a blank line stays a paragraph break, and a line that starts "Exit N" (the exit codes) begins a paragraph.
// Pure.

export function prose(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .replace(/([a-z])-\n(?=[a-z])/g, '$1-')
        .replace(/\n(?=Exit \d)/g, '\u0000')
        .replace(/[ \t]*\n[ \t]*/g, ' ')
        .replaceAll('\u0000', '\n\n'),
    )
    .join('\n\n')
}
