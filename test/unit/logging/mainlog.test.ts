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
