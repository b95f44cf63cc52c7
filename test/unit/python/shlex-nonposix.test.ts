// shlex.shlex(s) with posix=False and supervisord's extra word characters: the tokens
// environment= is read from (values checked against Python 3's shlex).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shlexNonPosix } from '../../../src/python/shlex-nonposix';

function texts(s: string): string[] {
  const r = shlexNonPosix(s);
  assert.ok(r.ok, `tokenising ${s}`);
  return r.value.tokens.map((t) => t.text);
}

test('words, punctuation and quoted strings (quotes kept, as non-POSIX shlex does)', () => {
  assert.deepEqual(texts('A=1,B="x y"'), ['A', '=', '1', ',', 'B', '=', '"x y"']);
  assert.deepEqual(texts("P=/usr/bin:/bin,Q='a,b'"), ['P', '=', '/usr/bin:/bin', ',', 'Q', '=', "'a,b'"]);
  assert.deepEqual(texts('X=a"b c"'), ['X', '=', 'a"b', 'c"']);
});

test('an unquoted # swallows the rest of its line, and says so', () => {
  const r = shlexNonPosix('A=abc#def,B=1\nC=2');
  assert.ok(r.ok);
  assert.deepEqual(r.value.tokens.map((t) => t.text), ['A', '=', 'abcC', '=', '2']); // Python: the word goes on after the comment
  assert.equal(r.value.comment, true);
});

test('an unclosed quote is an error with Python\'s text', () => {
  assert.deepEqual(shlexNonPosix('A="x'), { ok: false, error: 'No closing quotation' });
});
