import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnsiStripper } from '../../../src/logging/strip-ansi';

test('removes ESC [ ... up to the terminator, as supervisord does', () => {
  const s = new AnsiStripper();
  assert.equal(s.strip(Buffer.from('\x1b[1;31mred\x1b[0m plain\x1b[2K\n')).toString(), 'red plain\n');
});

test('an escape split across chunks is still removed; a lone ESC is kept', () => {
  const s = new AnsiStripper();
  assert.equal(s.strip(Buffer.from('a\x1b')).toString(), 'a');
  assert.equal(s.strip(Buffer.from('[32mb\x1b[0')).toString(), 'b');
  assert.equal(s.strip(Buffer.from('mc\x1b')).toString(), 'c');
  assert.equal(s.strip(Buffer.from('x')).toString(), '\x1bx');
});
