import type {EditorBuffer} from './editor-buffer.js'

// Editing keys as Node's keypress parser (readline.emitKeypressEvents) names them, applied to the editor. Keys that
// act on the session (Enter, Tab, Esc, Ctrl-C, Ctrl-D, Up/Down through history) are the caller's.

export interface Key {
  name?: string | undefined
  ctrl?: boolean | undefined
  meta?: boolean | undefined
  shift?: boolean | undefined
  sequence?: string | undefined
  code?: string | undefined
}

/** Applies an editing key; false when it is not one. */
export function editKey(editor: EditorBuffer, ch: string | undefined, key: Key): boolean {
  const name = key.name
  if (key.ctrl) {
    const ctrl: Record<string, () => void> = {
      a: () => editor.home(),
      e: () => editor.end(),
      b: () => editor.left(),
      f: () => editor.right(),
      h: () => editor.backspace(),
      k: () => editor.killToEnd(),
      u: () => editor.killToStart(),
      w: () => editor.deleteWordBack(),
      left: () => editor.wordLeft(),
      right: () => editor.wordRight(),
    }
    const act = name ? ctrl[name] : undefined
    act?.()
    return !!act
  }
  if (key.meta) {
    const meta: Record<string, () => void> = {
      b: () => editor.wordLeft(),
      f: () => editor.wordRight(),
      left: () => editor.wordLeft(),
      right: () => editor.wordRight(),
      backspace: () => editor.deleteWordBack(),
    }
    const act = name ? meta[name] : undefined
    act?.()
    return !!act
  }
  const plain: Record<string, () => void> = {
    backspace: () => editor.backspace(),
    delete: () => editor.del(),
    left: () => editor.left(),
    right: () => editor.right(),
    home: () => editor.home(),
    end: () => editor.end(),
  }
  const act = name ? plain[name] : undefined
  if (act) {
    act()
    return true
  }
  // Printable text (a character, or several when the terminal sent them in one read): no C0, DEL or C1 control.
  if (
    ch &&
    [...ch].every(
      (c) => (c.codePointAt(0) ?? 0) >= 32 && ((c.codePointAt(0) ?? 0) < 0x7f || (c.codePointAt(0) ?? 0) > 0x9f),
    )
  ) {
    editor.insert(ch)
    return true
  }
  return false
}

/** Shift-Enter as terminals send it: CSI u (kitty, WezTerm, iTerm2 with it on), or Alt-Enter. */
export function isNewlineKey(key: Key): boolean {
  if (key.code === '[13;2u') return true
  return (key.name === 'return' || key.name === 'enter') && (!!key.meta || !!key.shift)
}
