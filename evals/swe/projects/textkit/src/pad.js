export function center(text, width, fill = ' ') {
  if (text.length >= width) return text
  const left = Math.floor((width - text.length) / 2)
  return fill.repeat(left) + text + fill.repeat(width - text.length - left)
}
