import {describe, expect, it} from 'vitest'
import {parseSlashCommand, SLASH_COMMANDS, slashHelp} from '../../../src/agent/interactive/slash-command.js'

describe('parseSlashCommand', () => {
  it('reads a command and its argument', () => {
    expect(parseSlashCommand('/model qwen3-coder')).toEqual({ok: true, name: 'model', arg: 'qwen3-coder'})
    expect(parseSlashCommand('  /cost  ')).toEqual({ok: true, name: 'cost', arg: ''})
    expect(parseSlashCommand('/MODEL  a b ')).toEqual({ok: true, name: 'model', arg: 'a b'})
  })

  it('takes a unique prefix, and says when a prefix is ambiguous or unknown', () => {
    expect(parseSlashCommand('/ex')).toEqual({ok: true, name: 'exit', arg: ''})
    expect(parseSlashCommand('/u')).toEqual({ok: true, name: 'undo', arg: ''})
    expect(parseSlashCommand('/c')).toEqual({ok: false, error: '/c is ambiguous: /clear, /compact, /cost.'})
    expect(parseSlashCommand('/frobnicate')).toEqual({
      ok: false,
      error: 'Unknown command /frobnicate; /help lists them.',
    })
    expect(parseSlashCommand('/')).toMatchObject({ok: false})
  })

  it('leaves tasks alone, including ones that start with a path', () => {
    expect(parseSlashCommand('fix the test')).toBeUndefined()
    expect(parseSlashCommand('/etc/hosts has a typo, fix it')).toBeUndefined()
    expect(parseSlashCommand('// a comment-looking task')).toBeUndefined()
  })

  it('lists every command in /help', () => {
    const help = slashHelp()
    for (const name of Object.keys(SLASH_COMMANDS)) expect(help).toContain(`/${name}`)
  })
})
