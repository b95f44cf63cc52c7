// environment= parsing (spec §2.3): supervisord 4.2.5's non-POSIX shlex behaviour, and where tend
// refuses what would silently lose data (the README).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { environment } from '../../../src/config/convert';

function env(v: string): Readonly<Record<string, string>> {
  const r = environment(v);
  if (!r.ok) assert.fail(r.error);
  return r.value;
}

function envErr(v: string): string {
  const r = environment(v);
  if (r.ok) assert.fail(`expected an error for ${v}, got ${JSON.stringify(r.value)}`);
  return r.error;
}

test('quoted values may hold commas and spaces; quotes are removed; keys keep case', () => {
  assert.deepEqual(env('KEY=val,Key2="v 2",K3=\'x,y\''), { KEY: 'val', Key2: 'v 2', K3: 'x,y' });
  assert.deepEqual(env('A=""'), { A: '' });
  assert.deepEqual(env(''), {});
});

test('word characters include / . + - ( ) :', () => {
  assert.deepEqual(env('P=/usr/bin:/bin,Q=(a)+b.c-d'), { P: '/usr/bin:/bin', Q: '(a)+b.c-d' });
});

test('separators: any single punctuation token is accepted, whitespace and a trailing comma too', () => {
  assert.deepEqual(env('A=1;B=2'), { A: '1', B: '2' });
  assert.deepEqual(env('A=1 , B=2,'), { A: '1', B: '2' });
  assert.deepEqual(env('A = 1,\n  B=2'), { A: '1', B: '2' });
});

test('an unquoted word ending in quotes loses them (4.2.5 strips edge quotes)', () => {
  assert.deepEqual(env('A=x"'), { A: 'x' });
});

test('a quoted value loses only its own quotes (deviation: 4.2.5 gives q)', () => {
  assert.deepEqual(env('A=\'"q"\''), { A: '"q"' });
});

test('the last of a repeated key wins', () => {
  assert.deepEqual(env('A=1,A=2'), { A: '2' });
});

test("supervisord's errors: incomplete pairs, '=' or '@' inside a value, no closing quote", () => {
  assert.equal(envErr('A=1,B'), "Unexpected end of key/value pairs in value 'A=1,B'");
  assert.equal(envErr('F='), "Unexpected end of key/value pairs in value 'F='");
  assert.equal(envErr('E=a=b'), "Unexpected end of key/value pairs in value 'E=a=b'");
  assert.equal(envErr('O=x@y'), "Unexpected end of key/value pairs in value 'O=x@y'");
  assert.equal(envErr('A=1,,B=2'), "Unexpected end of key/value pairs in value 'A=1,,B=2'");
  assert.equal(envErr('A="open'), 'No closing quotation');
});

test('a word in the separator slot is an error, not silently dropped (deviation)', () => {
  assert.equal(
    envErr('I=a b'),
    "Unexpected 'b' after the value of I in value 'I=a b' (it would be dropped); quote the value",
  );
  assert.match(envErr('M=$HOME'), /^Unexpected 'HOME' after the value of M/);
  assert.match(envErr('X="a"b'), /^Unexpected 'b' after the value of X/);
});

test('an unquoted # is an error, not a comment that drops the rest (deviation)', () => {
  assert.equal(
    envErr('P=abc#def,B=1'),
    "an unquoted '#' starts a comment in value 'P=abc#def,B=1' and would drop the rest; quote the value",
  );
  assert.deepEqual(env('P="abc#def",B=1'), { P: 'abc#def', B: '1' });
});

test('keys such as __proto__ are plain keys', () => {
  const e = env('__proto__=x');
  assert.equal(Object.getOwnPropertyDescriptor(e, '__proto__')?.value, 'x');
  assert.equal(Object.getPrototypeOf(e), Object.prototype);
});
