import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consolePrefix } from '../../../src/config/prefix';
import { prefixRenderer } from '../../../src/logging/prefix';

const subject = { name: 'web_00', program: 'web', group: 'www', stream: 'stderr' as const, pid: () => 42 };

function render(template: string, width = 0): string | null {
  const t = consolePrefix(template);
  assert.ok(t.ok);
  const r = prefixRenderer(t.value, subject, width, () => new Date(2026, 10, 26, 14, 19, 2, 804));
  return r === null ? null : Buffer.from(r(), 'latin1').toString();
}

test('fields, padding of {name} to the widest name, one space after', () => {
  assert.equal(render('{name} |', 8), 'web_00   | ');
  assert.equal(render('[{program}:{group}:{stream}:{pid}]'), '[web:www:stderr:42] ');
  assert.equal(render('{time} {name}'), '2026-11-26 14:19:02,804 web_00 ');
  assert.equal(render('{{{name}}}'), '{web_00} ');
});

test('none, off, false and empty turn the prefix off', () => {
  for (const v of ['none', 'OFF', 'false', '', '  ']) assert.equal(render(v), null);
});

test('unknown fields and stray braces are errors that name the key', () => {
  for (const [v, msg] of [
    ['{nmae} |', /unknown field \{nmae\} in console_prefix/],
    ['{name', /unclosed '\{'/],
    ['name}', /unmatched '\}'/],
  ] as const) {
    const t = consolePrefix(v);
    assert.equal(t.ok, false);
    if (!t.ok) assert.match(t.error, msg);
  }
});

test('a prefix with non-ASCII text keeps its UTF-8 bytes', () => {
  assert.equal(render('«{program}» |'), '«web» | ');
});
