import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadAddon } from '../../../src/runtime/addon';
import { LineAssembler, type PrefixLines } from '../../../src/logging/lines';

const P = (): string => 'web | ';
const s = (b: readonly Buffer[] | null): string | null => (b === null ? null : Buffer.concat(b).toString('latin1'));


const PATHS: ReadonlyArray<[string, PrefixLines | null]> = [['js', null], ['native', loadAddon().prefixLines]];

for (const [label, native] of PATHS) {
  test(`${label}: complete lines get the prefix, a partial line is held until its newline`, () => {
    const a = new LineAssembler(P, undefined, native);
    assert.equal(s(a.push(Buffer.from('one\ntwo\nthr'))), 'web | one\nweb | two\n');
    assert.equal(a.hasPartial, true);
    assert.equal(s(a.push(Buffer.from('ee'))), null);
    assert.equal(s(a.push(Buffer.from('\nfour\n'))), 'web | three\nweb | four\n');
    assert.equal(a.hasPartial, false);
    assert.equal(a.flush(), null);
  });

  test(`${label}: flush writes the partial line as a line of its own`, () => {
    const a = new LineAssembler(P, undefined, native);
    assert.equal(a.push(Buffer.from('progress 10%')), null);
    assert.equal(s(a.flush()), 'web | progress 10%\n');
    assert.equal(a.hasPartial, false);
  });

  test(`${label}: an over-long line is split into pieces of maxLine, each a line, nothing dropped`, () => {
    const a = new LineAssembler(P, 4, native);
    assert.equal(s(a.push(Buffer.from('abcdefghij'))), 'web | abcd\nweb | efgh\nweb | ij\n');
    assert.equal(s(a.push(Buffer.from('ab\ncdefgh'))), 'web | ab\nweb | cdef\nweb | gh\n');
  });

  test(`${label}: without a prefix bytes pass as they are, including bytes that are not UTF-8`, () => {
    const a = new LineAssembler(null, undefined, native);
    const bytes = Buffer.from([0xff, 0xfe, 0x0a, 0xc3, 0x28, 0x0a]);
    assert.deepEqual(Buffer.concat(a.push(bytes) ?? []), bytes);
    const b = new LineAssembler(P, undefined, native);
    assert.deepEqual(Buffer.concat(b.push(bytes) ?? []), Buffer.concat([Buffer.from(P()), bytes.subarray(0, 3), Buffer.from(P()), bytes.subarray(3)]));
  });

  test(`${label}: nothing returned aliases the input buffer (pipes are read into one reused buffer)`, () => {
    const a = new LineAssembler(null, undefined, native);
    const buf = Buffer.from('held\nmore');
    const out = a.push(buf);
    buf.fill(0x41);
    assert.equal(s(out), 'held\n');
    assert.equal(s(a.flush()), 'more\n');
  });

  test(`${label}: push of a sub-range only reads that range`, () => {
    const a = new LineAssembler(P, undefined, native);
    const buf = Buffer.from('xxone\ntwo\nyy');
    assert.equal(s(a.push(buf, 2, 10)), 'web | one\nweb | two\n');
  });
}

test('a prefix with $ patterns is copied as it is (JS path)', () => {
  const a = new LineAssembler(() => '[$&$$] ', undefined, null);
  assert.equal(Buffer.concat(a.push(Buffer.from('a\nb\n')) ?? []).toString(), '[$&$$] a\n[$&$$] b\n');
});
