import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ArgError, parse} from '../src/index.js'
import {SPEC} from './spec.js'

test('parse reads long flags with values', () =>
  assert.deepEqual(parse(['--url', 'http://a', 'file'], SPEC), {
    flags: {color: true, port: 8080, url: 'http://a'},
    positionals: ['file'],
  }))
test('parse reads booleans', () => assert.equal(parse(['--verbose'], SPEC).flags.verbose, true))
test('parse negates booleans with no-', () => assert.equal(parse(['--no-color'], SPEC).flags.color, false))
test('parse rejects no- on a non-boolean', () => assert.throws(() => parse(['--no-port'], SPEC), ArgError))
test('parse treats everything after -- as positional', () =>
  assert.deepEqual(parse(['a', '--', '--verbose', '-p'], SPEC).positionals, ['a', '--verbose', '-p']))
test('parse reads a short alias with a value', () => assert.equal(parse(['-p', '80'], SPEC).flags.port, 80))
test('parse reads bundled short booleans', () => {
  const {flags} = parse(['-vx'], SPEC)
  assert.equal(flags.verbose, true)
  assert.equal(flags.extract, true)
})
test('parse reads a value glued to a short alias', () => assert.equal(parse(['-vp81'], SPEC).flags.port, 81))
test('parse rejects unknown flags', () => assert.throws(() => parse(['--nope'], SPEC), ArgError))
