import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { LogLevelName } from '../../../src/config/types';
import { MainLogWriter } from '../../../src/logging/mainlog';
import { SafeStream } from '../../../src/logging/stdout';

function capture(): { stream: SafeStream; text: () => string } {
  const pt = new PassThrough();
  const chunks: Buffer[] = [];
  pt.on('data', (c: Buffer) => chunks.push(c));
  return { stream: new SafeStream(pt), text: () => Buffer.concat(chunks).toString() };
}

const clock = (): Date => new Date(2026, 10, 26, 14, 19, 2, 804);

function cfg(logfile: string, loglevel: LogLevelName = 'info', silent = false) {
  return { logfile, logfile_maxbytes: 0, logfile_backups: 0, loglevel, silent };
}

test('lines go to stdout and to the logfile, filtered by loglevel', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-ml-'));
  const file = path.join(dir, 'supervisord.log');
  const out = capture();
  const log = new MainLogWriter(cfg(file, 'warn'), out.stream, clock);
  log.open();
  log.log('INFO', 'not shown');
  log.log('WARN', 'exited: x (exit status 1; not expected)');
  log.log('CRIT', 'bad');
  log.close();
  await new Promise((r) => setImmediate(r));
  const expected = '2026-11-26 14:19:02,804 WARN exited: x (exit status 1; not expected)\n2026-11-26 14:19:02,804 CRIT bad\n';
  assert.equal(out.text(), expected);
  assert.equal(fs.readFileSync(file, 'utf8'), expected);
});

test('silent keeps stdout quiet but still writes the file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-ml-'));
  const file = path.join(dir, 'm.log');
  const out = capture();
  const log = new MainLogWriter(cfg(file, 'info', true), out.stream, clock);
  log.open();
  log.log('INFO', 'hello');
  log.close();
  await new Promise((r) => setImmediate(r));
  assert.equal(out.text(), '');
  assert.match(fs.readFileSync(file, 'utf8'), /INFO hello\n$/);
});

test('a logfile of /dev/null or syslog opens nothing and does not fail', () => {
  const out = capture();
  for (const f of ['/dev/null', 'syslog']) {
    const log = new MainLogWriter(cfg(f), out.stream, clock);
    log.open();
    log.log('INFO', 'x');
    log.close();
  }
});

test('an unopenable logfile throws at open with the OS error', () => {
  const out = capture();
  const log = new MainLogWriter(cfg('/nonexistent-dir/x.log'), out.stream, clock);
  assert.throws(() => log.open(), /ENOENT/);
});

test('a logfile that is tend\'s stdout or stderr is written once, through the stream, even when silent', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-ml-'));
  const file = path.join(dir, 'same');
  fs.writeFileSync(file, '');
  const fd = fs.openSync(file, 'r');
  const make = (): { stream: SafeStream; text: () => string } => {
    const pt = Object.assign(new PassThrough(), { fd });
    const chunks: Buffer[] = [];
    pt.on('data', (c: Buffer) => chunks.push(c));
    return { stream: new SafeStream(pt), text: () => Buffer.concat(chunks).toString() };
  };
  for (const silent of [false, true]) {
    const out = make();
    const log = new MainLogWriter(cfg(file, 'info', silent), out.stream, clock);
    log.open();
    log.log('INFO', 'once');
    await new Promise((r) => setImmediate(r));
    assert.equal(out.text(), '2026-11-26 14:19:02,804 INFO once\n');
    assert.equal(fs.readFileSync(file, 'utf8'), '', 'never opened as a file');
    log.close();
  }
  const err = make();
  const out = capture();
  const log = new MainLogWriter(cfg(file, 'info', true), out.stream, clock, err.stream);
  log.open();
  log.log('WARN', 'to stderr');
  await new Promise((r) => setImmediate(r));
  assert.equal(err.text(), '2026-11-26 14:19:02,804 WARN to stderr\n');
  assert.equal(out.text(), '');
  fs.closeSync(fd);
});

test('without a file of its own the main log is read from its memory tail; clear says so first', () => {
  const out = capture();
  const log = new MainLogWriter(cfg('/dev/null'), out.stream, clock);
  log.open();
  log.log('INFO', 'one');
  const reader = log.reader();
  assert.equal(reader.path, '');
  assert.equal(Buffer.from(reader.read(0, 1000)).toString(), '2026-11-26 14:19:02,804 INFO one\n');
  log.clear();
  assert.equal(reader.size(), 0);
});

test('with a logfile the reader reads the file; clear empties it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-ml-'));
  const file = path.join(dir, 'main.log');
  const log = new MainLogWriter(cfg(file), capture().stream, clock);
  log.open();
  log.log('INFO', 'hello');
  assert.equal(log.reader().path, file);
  assert.equal(log.reader().size(), 35);
  log.clear();
  assert.equal(fs.readFileSync(file, 'utf8'), '');
  log.close();
});

test('an error on the stream releases everyone waiting for drain', async () => {
  const { Writable } = await import('node:stream');
  const w = new Writable({ highWaterMark: 4, write: (_c, _e, cb) => setImmediate(() => cb(new Error('EPIPE'))) });
  const s = new SafeStream(w);
  assert.equal(s.write(Buffer.from('0123456789')), false);
  let resumed = false;
  s.onDrain(() => { resumed = true; });
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(resumed, true);
  assert.equal(s.write('more'), true, 'a broken stream swallows writes');
});
