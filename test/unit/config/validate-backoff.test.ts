// tend's retry and restart keys: backoff, backoff_max, restart_backoff, startretries=infinite.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProcessConfig } from '../../../src/config/types';
import { diffGroups } from '../../../src/core/config-diff';
import { head, inProgram, load, ok, oneError } from './helpers';

function program(lines: string): ProcessConfig {
  const c = ok(load(`${head('@DIR@')}[program:a]\ncommand=x\n${lines}`));
  assert.deepEqual(c.messages, [], 'no unknown-key warnings');
  return c.groups[0]?.processes[0] as ProcessConfig;
}

const timing = (p: ProcessConfig): unknown[] => [p.startretries, p.backoff, p.backoff_max, p.restart_backoff];

test('defaults are supervisord\'s: 3 linear retries with no cap, restarts at once', () => {
  assert.deepEqual(timing(program('')), [3, 'linear', Infinity, 'none']);
  assert.deepEqual(timing(program('startretries=100\n')), [100, 'linear', Infinity, 'none']);
});

test('backoff_max is 60 once a wait is tend\'s own, and whatever is written otherwise', () => {
  assert.deepEqual(timing(program('backoff=Exponential\n')), [3, 'exponential', 60, 'none']);
  assert.deepEqual(timing(program('startretries=INFINITE\n')), [Infinity, 'linear', 60, 'none']);
  assert.deepEqual(timing(program('restart_backoff=linear\n')), [3, 'linear', 60, 'linear']);
  assert.deepEqual(timing(program('backoff_max=5\n')), [3, 'linear', 5, 'none']);
  assert.deepEqual(timing(program('backoff_max=86400\n')), [3, 'linear', 86_400, 'none']);
  assert.deepEqual(timing(program('startretries=infinite\nbackoff=exponential\nbackoff_max=300\nrestart_backoff=exponential\n')), [
    Infinity, 'exponential', 300, 'exponential',
  ]);
});

test('bad values: file:line, the key, and what is allowed', () => {
  const cases: [string, string][] = [
    ['startretries=forever', "invalid literal for int() with base 10: 'forever' (startretries is an integer or infinite)"],
    ['backoff=fibonacci', "invalid 'backoff' value 'fibonacci' (allowed: linear, exponential)"],
    ['restart_backoff=yes', "invalid 'restart_backoff' value 'yes' (allowed: none, linear, exponential)"],
    ['backoff_max=0', "invalid 'backoff_max' value '0' (allowed: whole seconds from 1 to 86400)"],
    ['backoff_max=1.5', "invalid 'backoff_max' value '1.5' (allowed: whole seconds from 1 to 86400)"],
    ['backoff_max=86401', "invalid 'backoff_max' value '86401' (allowed: whole seconds from 1 to 86400)"],
    ['startsecs=infinite', "invalid literal for int() with base 10: 'infinite'"],
  ];
  for (const [line, message] of cases) {
    const l = load(`${head('@DIR@')}[program:a]\ncommand=x\n${line}\n`);
    oneError(l, 7, `${message}${inProgram(l, 'a')}`);
  }
});

test('reread compares the new keys', () => {
  const before = ok(load(`${head('@DIR@')}[program:a]\ncommand=x\n`)).groups;
  for (const line of ['backoff=exponential', 'backoff_max=9', 'restart_backoff=linear', 'startretries=infinite']) {
    const after = ok(load(`${head('@DIR@')}[program:a]\ncommand=x\n${line}\n`)).groups;
    assert.deepEqual(diffGroups(before, after).changed, ['a'], line);
  }
  assert.deepEqual(diffGroups(before, ok(load(`${head('@DIR@')}[program:a]\ncommand=x\nbackoff=linear\n`)).groups).changed, []);
});
