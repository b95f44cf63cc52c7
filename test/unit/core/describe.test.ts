// Description strings (spec §3.4), the process info struct (§6.5) and exit texts (§3.7).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeProcess, formatStopTimeFields, formatUptime } from '../../../src/core/describe';
import { describeExit, exitStatusNumber } from '../../../src/core/exit-status';
import { epochSeconds, processInfo } from '../../../src/core/info';
import { INITIAL_RECORD, type ProcessRecord } from '../../../src/core/record';
import { proc } from './config-factory';

const fmt = (ms: number): string => `stop@${ms}`;
const rec = (over: Partial<ProcessRecord>): ProcessRecord => ({ ...INITIAL_RECORD, ...over });

test('uptime is Python timedelta text of whole seconds', () => {
  assert.equal(formatUptime(16), '0:00:16');
  assert.equal(formatUptime(16.9), '0:00:16');
  assert.equal(formatUptime(3661), '1:01:01');
  assert.equal(formatUptime(36_000), '10:00:00');
  assert.equal(formatUptime(90_061), '1 day, 1:01:01');
  assert.equal(formatUptime(2 * 86_400 + 5), '2 days, 0:00:05');
  assert.equal(formatUptime(-3), '0:00:00');
});

test('stop time is strftime %b %d %I:%M %p', () => {
  assert.equal(formatStopTimeFields(10, 26, 14, 19), 'Nov 26 02:19 PM');
  assert.equal(formatStopTimeFields(0, 1, 0, 5), 'Jan 01 12:05 AM');
  assert.equal(formatStopTimeFields(5, 9, 12, 0), 'Jun 09 12:00 PM');
  assert.equal(formatStopTimeFields(11, 31, 11, 59), 'Dec 31 11:59 AM');
});

test('descriptions per state', () => {
  const now = 1_000_000 + 16_500;
  const d = (r: ProcessRecord): string => describeProcess('web', r, now, fmt);
  assert.equal(d(rec({ state: 'RUNNING', pid: 5975, laststart: 1_000_000 })), 'pid 5975, uptime 0:00:16');
  assert.equal(d(rec({ state: 'STOPPED' })), 'Not started');
  assert.equal(d(rec({ state: 'EXITED' })), 'Not started');
  assert.equal(d(rec({ state: 'STOPPED', laststart: 5, laststop: 9000 })), 'stop@9000');
  assert.equal(d(rec({ state: 'EXITED', laststart: 5, laststop: 9000 })), 'stop@9000');
  assert.equal(d(rec({ state: 'BACKOFF', spawnerr: 'Exited too quickly (process log may have details)' })),
    'Exited too quickly (process log may have details)');
  assert.equal(d(rec({ state: 'FATAL' })), 'unknown error (try "tail web")');
  for (const state of ['STARTING', 'STOPPING', 'UNKNOWN'] as const) assert.equal(d(rec({ state })), '');
});

test('a process waiting to start again says when: seconds rounded up, "now" once due', () => {
  const now = 1_000_000;
  const d = (r: Partial<ProcessRecord>): string => describeProcess('web', rec(r), now, fmt);
  const quick = 'Exited too quickly (process log may have details)';
  assert.equal(d({ state: 'BACKOFF', spawnerr: quick, retryAt: now + 4000 }), `${quick}; next attempt in 4 s`);
  assert.equal(d({ state: 'BACKOFF', spawnerr: quick, retryAt: now + 3001 }), `${quick}; next attempt in 4 s`);
  assert.equal(d({ state: 'BACKOFF', spawnerr: quick, retryAt: now }), `${quick}; next attempt now`);
  assert.equal(d({ state: 'EXITED', laststart: 5, laststop: 9000, retryAt: now + 700 }), 'stop@9000; next attempt in 1 s');
  assert.equal(d({ state: 'EXITED', laststart: 5, laststop: 9000 }), 'stop@9000');
});

test('process info struct: exact keys, epoch seconds, exitstatus -1 after a signal', () => {
  const config = proc('web', { group: 'g', stdout: { ...proc('x').stdout, logfile: { kind: 'path', path: '/l/out' } } });
  const info = processInfo({
    config,
    record: rec({ state: 'EXITED', laststart: 1_700_000_000_999, laststop: 1_700_000_100_500, exitstatus: -1 }),
    now: 1_700_000_200_000,
    formatStopTime: fmt,
  });
  assert.deepEqual(info, {
    name: 'web', group: 'g', start: 1_700_000_000, stop: 1_700_000_100, now: 1_700_000_200,
    state: 100, statename: 'EXITED', spawnerr: '', exitstatus: -1, logfile: '/l/out',
    stdout_logfile: '/l/out', stderr_logfile: '', pid: 0, description: 'stop@1700000100500',
  });
  assert.equal(epochSeconds(2 ** 40 * 1000), 2 ** 31 - 1);
});

test('exit texts', () => {
  assert.equal(describeExit({ code: 0, signal: null, coreDumped: false }), 'exit status 0');
  assert.equal(describeExit({ code: null, signal: 15, coreDumped: false }), 'terminated by SIGTERM');
  assert.equal(describeExit({ code: null, signal: 11, coreDumped: true }), 'terminated by SIGSEGV (core dumped)');
  assert.equal(describeExit({ code: null, signal: 77, coreDumped: false }), 'terminated by signal 77');
  assert.equal(exitStatusNumber({ code: null, signal: 9, coreDumped: false }), -1);
  assert.equal(exitStatusNumber({ code: 3, signal: null, coreDumped: false }), 3);
});
