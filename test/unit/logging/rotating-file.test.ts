import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { RotatingFile } from '../../../src/logging/rotating-file';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tend-rot-'));
}

test('rotates in supervisord order once the size reaches maxbytes', () => {
  const dir = tmp();
  const p = path.join(dir, 'main.log');
  const f = new RotatingFile(p, 10, 2);
  f.write('aaaaaaaaaa'); // 10 bytes: rotate -> .1
  f.write('bbbbbbbbbb'); // -> .1, old .1 -> .2
  f.write('cccccccccc'); // -> .1, .2 dropped
  f.write('dd');
  f.close();
  assert.equal(fs.readFileSync(p, 'utf8'), 'dd');
  assert.equal(fs.readFileSync(`${p}.1`, 'utf8'), 'cccccccccc');
  assert.equal(fs.readFileSync(`${p}.2`, 'utf8'), 'bbbbbbbbbb');
  assert.equal(fs.existsSync(`${p}.3`), false);
});

test('backups=0 truncates in place and maxbytes=0 never rotates', () => {
  const dir = tmp();
  const p = path.join(dir, 'a.log');
  const f = new RotatingFile(p, 4, 0);
  f.write('12345');
  f.write('xy');
  f.close();
  assert.equal(fs.readFileSync(p, 'utf8'), 'xy');
  assert.equal(fs.existsSync(`${p}.1`), false);
  const q = path.join(dir, 'b.log');
  const g = new RotatingFile(q, 0, 5);
  for (let i = 0; i < 100; i++) g.write('0123456789');
  g.close();
  assert.equal(fs.statSync(q).size, 1000);
});

test('appends to an existing file and counts its size', () => {
  const dir = tmp();
  const p = path.join(dir, 'c.log');
  fs.writeFileSync(p, '12345678');
  const f = new RotatingFile(p, 10, 1);
  f.write('abc');
  f.close();
  assert.equal(fs.readFileSync(`${p}.1`, 'utf8'), '12345678abc');
  assert.equal(fs.readFileSync(p, 'utf8'), '');
});

test('a character device such as /dev/null is written and never rotated', () => {
  const f = new RotatingFile('/dev/null', 1, 3);
  f.write('hello');
  f.write('again');
  f.close();
  assert.equal(fs.existsSync('/dev/null.1'), false);
});

test('the oldest backup is dropped without leaving anything behind', async () => {
  const dir = tmp();
  const p = path.join(dir, 'd.log');
  const f = new RotatingFile(p, 4, 2);
  for (const s of ['1111', '2222', '3333', '4444', '55']) f.write(s);
  f.close();
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(fs.readdirSync(dir).sort(), ['d.log', 'd.log.1', 'd.log.2']);
  assert.equal(fs.readFileSync(`${p}.2`, 'utf8'), '3333');
});

test('write of a sub-range, and clear empties the file', () => {
  const dir = tmp();
  const p = path.join(dir, 'e.log');
  const f = new RotatingFile(p, 0, 0);
  f.write(Buffer.from('xxabcxx'), 2, 5);
  assert.equal(fs.readFileSync(p, 'utf8'), 'abc');
  f.clear();
  f.write('z');
  f.close();
  assert.equal(fs.readFileSync(p, 'utf8'), 'z');
});

test('a rotation whose rename fails keeps writing to the path, never to a stale fd', () => {
  const dir = tmp();
  const p = path.join(dir, 'r.log');
  const mutableFs = createRequire(__filename)('node:fs') as { renameSync: typeof fs.renameSync };
  const rename = mutableFs.renameSync;
  const f = new RotatingFile(p, 4, 2);
  mutableFs.renameSync = () => { throw Object.assign(new Error('EACCES: rename'), { code: 'EACCES' }); };
  try {
    assert.throws(() => f.write('12345'), /EACCES/);
    const otherPath = path.join(dir, 'other');
    const other = fs.openSync(otherPath, 'w'); // may get the number the old fd had
    assert.throws(() => f.write('more\n'), /EACCES/, 'still at maxbytes: it tries to rotate again');
    fs.closeSync(other);
    assert.equal(fs.readFileSync(otherPath, 'utf8'), '', 'nothing went to the fd number the log had');
  } finally {
    mutableFs.renameSync = rename;
  }
  f.close();
  assert.equal(fs.readFileSync(p, 'utf8'), '12345more\n');
});
