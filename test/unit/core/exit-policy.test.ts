// shutdown_on decided from the state changes a transition returns (pure).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Effect } from '../../../src/core/effects';
import { exitPolicyVerdict, shellCode, transitionWithPolicy } from '../../../src/core/exit-policy';
import { INITIAL_RECORD } from '../../../src/core/record';
import { proc } from './config-factory';
import type { ProcessStateName } from '../../../src/core/states';

const changed = (to: ProcessStateName, expected = false): Effect =>
  ({ type: 'stateChanged', from: 'RUNNING', to, pid: 9, expected, tries: 0, at: 0 });
const code = (n: number): { code: number; signal: null; coreDumped: false } => ({ code: n, signal: null, coreDumped: false });
const sig = (n: number): { code: null; signal: number; coreDumped: false } => ({ code: null, signal: n, coreDumped: false });

test('shell codes: the exit code, or 128+n for signal n', () => {
  assert.equal(shellCode(code(42)), 42);
  assert.equal(shellCode(sig(9)), 137);
  assert.equal(shellCode(sig(15)), 143);
});

test('none never triggers', () => {
  assert.equal(exitPolicyVerdict('none', 'a', [changed('EXITED'), changed('FATAL')], code(1), null), null);
});

test('exit: any EXITED, expected or not, with its code', () => {
  assert.deepEqual(exitPolicyVerdict('exit', 'a', [changed('EXITED', true)], code(0), null), { code: 0, reason: 'a exited (exit status 0; expected)' });
  assert.deepEqual(exitPolicyVerdict('exit', 'a', [changed('EXITED')], sig(15), null), { code: 143, reason: 'a exited (terminated by SIGTERM; not expected)' });
});

test('unexpected: only an unexpected EXITED', () => {
  assert.equal(exitPolicyVerdict('unexpected', 'a', [changed('EXITED', true)], code(0), null), null);
  assert.deepEqual(exitPolicyVerdict('unexpected', 'a', [changed('EXITED')], code(42), null)?.code, 42);
});

test('fatal: EXITED never, FATAL always; its code is the last failing exit, else 1', () => {
  assert.equal(exitPolicyVerdict('fatal', 'a', [changed('EXITED')], code(3), null), null);
  assert.deepEqual(exitPolicyVerdict('fatal', 'a', [changed('BACKOFF'), changed('FATAL')], code(3), null), { code: 3, reason: 'a entered FATAL state' });
  assert.equal(exitPolicyVerdict('fatal', 'a', [changed('FATAL')], null, sig(9))?.code, 137, 'after a spawn error: the last exit');
  assert.equal(exitPolicyVerdict('fatal', 'a', [changed('FATAL')], null, null)?.code, 1, 'never ran');
  assert.equal(exitPolicyVerdict('fatal', 'a', [changed('FATAL')], code(0), null)?.code, 1, 'exited 0 too quickly: still a failure');
});

test('BACKOFF and other states never trigger', () => {
  for (const p of ['exit', 'unexpected', 'fatal'] as const) {
    assert.equal(exitPolicyVerdict(p, 'a', [changed('BACKOFF'), changed('STARTING'), changed('STOPPED')], code(1), null), null);
  }
});

test('transitionWithPolicy: a triggered policy decides again in SHUTDOWN mood (no restart), only while RUNNING', () => {
  const cfg = proc('app', { startsecs: 0, autorestart: 'true', shutdown_on: 'unexpected' });
  const running = { ...INITIAL_RECORD, state: 'RUNNING' as const, pid: 9, laststart: 0 };
  const exited = { type: 'exited' as const, status: code(42) };
  const hit = transitionWithPolicy(running, exited, { config: cfg, mood: 'RUNNING', now: 5000 }, null);
  assert.equal(hit.verdict?.code, 42);
  assert.equal(hit.result.record.state, 'EXITED');
  assert.ok(!hit.result.effects.some((e) => e.type === 'spawn'), 'not restarted');
  const plain = transitionWithPolicy(running, exited, { config: { ...cfg, shutdown_on: 'none' }, mood: 'RUNNING', now: 5000 }, null);
  assert.equal(plain.verdict, null);
  assert.ok(plain.result.effects.some((e) => e.type === 'spawn'), 'autorestart as usual');
  const stopping = transitionWithPolicy(running, exited, { config: cfg, mood: 'SHUTDOWN', now: 5000 }, null);
  assert.equal(stopping.verdict, null, 'a shutdown already under way is not an exit policy matter');
});
