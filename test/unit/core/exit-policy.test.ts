// shutdown_on decided from the state changes a transition returns (pure).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Effect } from '../../../src/core/effects';
import { exitPolicyVerdict, shellCode } from '../../../src/core/exit-policy';
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
