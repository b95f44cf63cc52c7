// Start order (spec §4.3) and the shutdown planner (§4.4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cutShortPlan, nextShutdownStep, shutdownOrder, startOrder, unstoppedNames, waitingText, type PlanGroup,
} from '../../../src/core/order';
import type { ProcessStateName } from '../../../src/core/states';
import { group, proc, single } from './config-factory';

test('start order: groups by (priority, name), processes in group order', () => {
  const groups = [
    single(proc('zeta', { priority: 10 })),
    group('g', 5, [proc('b', { priority: 900 }), proc('a', { priority: 1 })]),
    single(proc('alpha', { priority: 10 })),
    single(proc('last')),
  ];
  assert.deepEqual(startOrder(groups).map((p) => p.name), ['b', 'a', 'alpha', 'zeta', 'last']);
});

function plan(spec: [string, number, [string, number, ProcessStateName][]][]): PlanGroup[] {
  return spec.map(([name, priority, ps]) => ({
    name, priority, processes: ps.map(([n, p, state]) => ({ name: n, priority: p, state })),
  }));
}

test('shutdown order: descending priority, ties in reverse of start order', () => {
  const groups = plan([['a', 1, []], ['c', 5, []], ['b', 5, []], ['z', 999, []]]);
  assert.deepEqual(shutdownOrder(groups).map((g) => g.name), ['z', 'c', 'b', 'a']);
});

test('planner: highest group first; stop RUNNING/STARTING by descending process priority; BACKOFF gives up', () => {
  const groups = plan([
    ['low', 1, [['l1', 1, 'RUNNING']]],
    ['high', 50, [['h1', 1, 'RUNNING'], ['h2', 9, 'STARTING'], ['h3', 5, 'BACKOFF'], ['h4', 9, 'EXITED'], ['h5', 9, 'RUNNING']]],
  ]);
  assert.deepEqual(nextShutdownStep(groups), {
    kind: 'group', group: 'high', stop: ['h5', 'h2', 'h1'], giveUp: ['h3'], unstopped: ['h1', 'h2', 'h3', 'h5'],
  });
});

test('planner waits on a group until all of it is stopped, then moves on, then done', () => {
  const stopping = plan([['low', 1, [['l1', 1, 'RUNNING']]], ['high', 50, [['h1', 1, 'STOPPING']]]]);
  assert.deepEqual(nextShutdownStep(stopping), { kind: 'group', group: 'high', stop: [], giveUp: [], unstopped: ['h1'] });
  const next = plan([['low', 1, [['l1', 1, 'RUNNING']]], ['high', 50, [['h1', 1, 'STOPPED']]]]);
  assert.deepEqual(nextShutdownStep(next), { kind: 'group', group: 'low', stop: ['l1'], giveUp: [], unstopped: ['l1'] });
  const all = plan([['low', 1, [['l1', 1, 'FATAL']]], ['high', 50, [['h1', 1, 'UNKNOWN']]]]);
  assert.deepEqual(nextShutdownStep(all), { kind: 'done' });
  assert.deepEqual(nextShutdownStep([]), { kind: 'done' });
});

test('waiting text lists every unstopped process', () => {
  const groups = plan([['high', 50, [['c', 1, 'STOPPING']]], ['low', 1, [['a', 1, 'RUNNING'], ['b', 1, 'STOPPED']]]]);
  assert.equal(waitingText(unstoppedNames(groups)), 'waiting for a, c to die');
});

test('cutShortPlan: every group at once in shutdown order; stop+kill, kill, or give up', () => {
  const groups = plan([
    ['low', 1, [['l1', 1, 'RUNNING'], ['l2', 1, 'STOPPED']]],
    ['high', 50, [['h1', 1, 'STOPPING'], ['h2', 1, 'BACKOFF'], ['h3', 1, 'STARTING']]],
  ]);
  assert.deepEqual(cutShortPlan(groups).map((c) => [c.group, c.name, c.state, c.actions.join('+')]), [
    ['high', 'h3', 'STARTING', 'stop+kill'],
    ['high', 'h2', 'BACKOFF', 'giveUp'],
    ['high', 'h1', 'STOPPING', 'kill'],
    ['low', 'l1', 'RUNNING', 'stop+kill'],
  ]);
  assert.deepEqual(cutShortPlan(plan([['x', 1, [['a', 1, 'EXITED']]]])), []);
});
