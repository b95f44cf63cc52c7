// Python glob.glob() semantics over a fake file system.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fnmatchRegExp, glob, hasMagic, type GlobFs } from '../../../src/python/glob';

/** paths ending in '/' are directories */
function fakeFs(paths: readonly string[]): GlobFs {
  const dirs = new Set(['/']);
  const files = new Set<string>();
  for (const p of paths) {
    const parts = p.replace(/\/$/, '').split('/');
    for (let i = 2; i < parts.length; i += 1) dirs.add(parts.slice(0, i).join('/'));
    (p.endsWith('/') ? dirs : files).add(p.replace(/\/$/, ''));
  }
  const all = [...dirs, ...files];
  const childrenOf = (d: string): string[] => {
    const prefix = d === '/' ? '/' : `${d}/`;
    return all.filter((p) => p.startsWith(prefix) && p !== d && !p.slice(prefix.length).includes('/')).map((p) => p.slice(prefix.length));
  };
  return {
    listDir: (d) => (dirs.has(d) ? childrenOf(d) : null),
    isDir: (p) => dirs.has(p),
    exists: (p) => dirs.has(p) || files.has(p),
  };
}

const fs = fakeFs([
  '/etc/s/conf.d/a.conf',
  '/etc/s/conf.d/b.conf',
  '/etc/s/conf.d/.h.conf',
  '/etc/s/conf.d/c.ini',
  '/etc/s/conf.d/sub/',
  '/etc/s/x1/p.conf',
  '/etc/s/x2/p.conf',
  '/etc/s/y/p.conf',
]);

test('* ? and [...] in the last component; hidden names only for a leading dot', () => {
  assert.deepEqual(glob('/etc/s/conf.d/*.conf', fs).sort(), ['/etc/s/conf.d/a.conf', '/etc/s/conf.d/b.conf']);
  assert.deepEqual(glob('/etc/s/conf.d/?.ini', fs), ['/etc/s/conf.d/c.ini']);
  assert.deepEqual(glob('/etc/s/conf.d/[!a].conf', fs), ['/etc/s/conf.d/b.conf']);
  assert.deepEqual(glob('/etc/s/conf.d/[a-b].conf', fs).sort(), ['/etc/s/conf.d/a.conf', '/etc/s/conf.d/b.conf']);
  assert.deepEqual(glob('/etc/s/conf.d/.*', fs), ['/etc/s/conf.d/.h.conf']);
  assert.deepEqual(glob('/etc/s/conf.d/*', fs).length, 4, 'a.conf b.conf c.ini sub');
});

test('globs in directory components match directories only', () => {
  assert.deepEqual(glob('/etc/s/x?/p.conf', fs).sort(), ['/etc/s/x1/p.conf', '/etc/s/x2/p.conf']);
  assert.deepEqual(glob('/etc/s/*/p.conf', fs).sort(), ['/etc/s/x1/p.conf', '/etc/s/x2/p.conf', '/etc/s/y/p.conf']);
});

test('no magic: the path itself if it exists', () => {
  assert.deepEqual(glob('/etc/s/conf.d/a.conf', fs), ['/etc/s/conf.d/a.conf']);
  assert.deepEqual(glob('/etc/s/conf.d/zz.conf', fs), []);
  assert.deepEqual(glob('/nope/*.conf', fs), []);
});

test('an unclosed [ is literal; a class can hold ]', () => {
  assert.equal(fnmatchRegExp('a[b')?.test('a[b'), true);
  assert.equal(fnmatchRegExp('[]x]')?.test(']'), true);
  assert.equal(fnmatchRegExp('[!]x]')?.test('y'), true);
  assert.equal(fnmatchRegExp('a.b')?.test('axb'), false);
  assert.equal(fnmatchRegExp('*.conf')?.test('x.conf'), true);
  assert.equal(hasMagic('/a/b.conf'), false);
  assert.equal(hasMagic('/a/[b].conf'), true);
});
