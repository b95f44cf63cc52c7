// Finding the executable (spec §3.5 step 1) and the spawnerr texts of each failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_PATH, resolveCommand, resolveExecutable, searchPath } from '../../../../src/runtime/spawn/exec-path';
import { pyRepr } from '../../../../src/python/builtins';

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-exec-'));
  fs.chmodSync(dir, 0o755);
  for (const d of ['a', 'b', 'c']) fs.mkdirSync(path.join(dir, d));
  fs.mkdirSync(path.join(dir, 'b', 'tool')); // a directory named like the command
  fs.writeFileSync(path.join(dir, 'a', 'plain'), 'data\n', { mode: 0o644 });
  fs.writeFileSync(path.join(dir, 'c', 'tool'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'c', 'ownerx'), '#!/bin/sh\n', { mode: 0o744 });
  fs.mkdirSync(path.join(dir, 'dir'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('searchPath: the first non-empty PATH wins, else the default', () => {
  assert.deepEqual(searchPath('/x:/y', '/z'), ['/x', '/y']);
  assert.deepEqual(searchPath(undefined, '/z'), ['/z']);
  assert.deepEqual(searchPath('', undefined), DEFAULT_PATH);
  assert.deepEqual(searchPath(), ['/bin', '/usr/bin', '/usr/local/bin']);
});

test('a bare name is looked up in PATH order; the first entry that stats wins, even a directory', () => {
  const dirs = [path.join(dir, 'a'), path.join(dir, 'b'), path.join(dir, 'c')];
  assert.deepEqual(resolveExecutable('tool', dirs), {
    ok: false, fault: 'NOT_EXECUTABLE', text: `command at '${dir}/b/tool' is a directory`,
  });
  assert.deepEqual(resolveExecutable('tool', [dirs[0] as string, dirs[2] as string]), { ok: true, file: `${dir}/c/tool` });
  assert.deepEqual(resolveExecutable('tool', [`${dir}/c/`]), { ok: true, file: `${dir}/c/tool` });
});

test('spawnerr texts, in check order', () => {
  assert.deepEqual(resolveExecutable('nosuch-cmd', [dir]), { ok: false, fault: 'NO_FILE', text: "can't find command 'nosuch-cmd'" });
  assert.deepEqual(resolveExecutable('/no/such/binary', DEFAULT_PATH), { ok: false, fault: 'NO_FILE', text: "can't find command '/no/such/binary'" });
  assert.deepEqual(resolveExecutable(`${dir}/dir`, []), { ok: false, fault: 'NOT_EXECUTABLE', text: `command at '${dir}/dir' is a directory` });
  assert.deepEqual(resolveExecutable(`${dir}/a/plain`, []), { ok: false, fault: 'NOT_EXECUTABLE', text: `command at '${dir}/a/plain' is not executable` });
  assert.deepEqual(resolveExecutable('/bin/sh', []), { ok: true, file: '/bin/sh' });
});

test('no permission to run: x bit set, but access(X_OK) refused (checked as nobody)', (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to switch to nobody');
    return;
  }
  const probe = path.join(dir, 'probe.ts');
  const module = path.resolve(__dirname, '../../../../src/runtime/spawn/exec-path');
  fs.writeFileSync(probe, `import { resolveExecutable } from ${JSON.stringify(module)};\n`
    + `process.stdout.write(JSON.stringify(resolveExecutable(${JSON.stringify(`${dir}/c/ownerx`)}, [])));\n`, { mode: 0o644 });
  const r = spawnSync(process.execPath, ['--import', 'tsx', probe], {
    cwd: path.resolve(__dirname, '../../../..'), uid: 65534, gid: 65534, encoding: 'utf8', timeout: 20_000,
    env: { ...process.env, TSX_DISABLE_CACHE: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { ok: false, fault: 'NOT_EXECUTABLE', text: `no permission to run command '${dir}/c/ownerx'` });
});

test('resolveCommand: split, then resolve; parse errors and empty commands are NOT_EXECUTABLE', () => {
  assert.deepEqual(resolveCommand("sh -c 'exit 3'", ['/bin']), { ok: true, file: '/bin/sh', argv: ['sh', '-c', 'exit 3'] });
  assert.deepEqual(resolveCommand("sh -c 'exit 3", ['/bin']), {
    ok: false, fault: 'NOT_EXECUTABLE', text: `can't parse command "sh -c 'exit 3": No closing quotation`,
  });
  assert.deepEqual(resolveCommand('echo \\', ['/bin']), {
    ok: false, fault: 'NOT_EXECUTABLE', text: "can't parse command 'echo \\\\': No escaped character",
  });
  assert.deepEqual(resolveCommand('   ', ['/bin']), { ok: false, fault: 'NOT_EXECUTABLE', text: 'command is empty' });
  assert.deepEqual(resolveCommand('nosuch-cmd --flag', [dir]), { ok: false, fault: 'NO_FILE', text: "can't find command 'nosuch-cmd'" });
});

test('pyRepr quotes as Python repr() does', () => {
  assert.equal(pyRepr('web'), "'web'");
  assert.equal(pyRepr("it's"), '"it\'s"');
  assert.equal(pyRepr('a\'b"c'), "'a\\'b\"c'");
  assert.equal(pyRepr('tab\there\nnl\\'), "'tab\\there\\nnl\\\\'");
  assert.equal(pyRepr('\x01\x7f'), "'\\x01\\x7f'");
  assert.equal(pyRepr('café'), "'café'");
});
