import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryTail } from '../../../src/logging/memory-tail';

const str = (b: Uint8Array): string => Buffer.from(b).toString();

test('offsets count every byte; only the newest capacity bytes are held', () => {
  const t = new MemoryTail(8);
  t.append(Buffer.from('abcdef'));
  assert.equal(t.size(), 6);
  assert.equal(str(t.read(0, 100)), 'abcdef');
  t.append(Buffer.from('ghij'));
  assert.equal(t.size(), 10);
  assert.equal(str(t.read(0, 100)), 'cdefghij'); // bytes 0-1 are gone, never invented
  assert.equal(str(t.read(8, 2)), 'ij');
  assert.equal(str(t.read(4, 3)), 'efg');
  assert.equal(str(t.read(10, 5)), '');
});

test('a chunk larger than the tail keeps its end and counts all of it', () => {
  const t = new MemoryTail(4);
  t.append(Buffer.from('0123456789'), 1, 10);
  assert.equal(t.size(), 9);
  assert.equal(str(t.read(0, 100)), '6789');
});

test('clear empties it and changes its identity', () => {
  const t = new MemoryTail(16);
  t.append(Buffer.from('hello'));
  const id = t.identity();
  t.clear();
  assert.equal(t.size(), 0);
  assert.equal(str(t.read(0, 10)), '');
  assert.notEqual(t.identity(), id);
  assert.equal(t.path, '');
});
