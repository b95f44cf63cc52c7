// shlexSplit against Python's shlex.split (the table was produced by CPython 3's shlex).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shlexSplit } from '../../../src/python/shlex';

/** [input, words] or [input, error message] */
const CASES: ReadonlyArray<readonly [string, string[] | string]> = [
  ["a b  c", ["a", "b", "c"]],
  ["a\"b c\"d", ["ab cd"]],
  ["''", [""]],
  ["a '' b", ["a", "", "b"]],
  ["x\\ y", ["x y"]],
  ["\"a\\\"b\\\\c\\d\\$\" ", ["a\"b\\c\\d\\$"]],
  ["'a\\b'", ["a\\b"]],
  ["\\", "No escaped character"],
  ["a\\", "No escaped character"],
  ["\"abc\\", "No escaped character"],
  ["\"abc", "No closing quotation"],
  ["'abc", "No closing quotation"],
  ["a\tb\nc", ["a", "b", "c"]],
  ["\" \" ", [" "]],
  ["\\\\", ["\\"]],
  ["", []],
  ["  ", []],
  ["a\\\nb", ["a\nb"]],
  ["sh -c 'echo \"$x\"; exit 3'", ["sh", "-c", "echo \"$x\"; exit 3"]],
  ["a\"\\", "No escaped character"],
  ["'\\'", ["\\"]],
  ["  lead  trail  ", ["lead", "trail"]],
  ["a'b'\"c\"d", ["abcd"]],
];

test('splits like Python shlex.split (posix, no comments)', () => {
  for (const [input, expected] of CASES) {
    const got = shlexSplit(input);
    if (typeof expected === 'string') assert.deepEqual(got, { ok: false, error: expected }, JSON.stringify(input));
    else assert.deepEqual(got, { ok: true, argv: expected }, JSON.stringify(input));
  }
});

test('a continuation newline in command= acts as whitespace', () => {
  assert.deepEqual(shlexSplit('sleep\n  100'), { ok: true, argv: ['sleep', '100'] });
});

test('# is not a comment', () => {
  assert.deepEqual(shlexSplit('echo a#b # c'), { ok: true, argv: ['echo', 'a#b', '#', 'c'] });
});
