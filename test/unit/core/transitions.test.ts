// The transition table walked as a table: every state x every event, and what must follow.
// '-' = illegal: record unchanged and one WARN line; '=' = legal, state unchanged;
// 'A>B' = the states entered, in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Effect } from '../../../src/core/effects';
import { EVENT_KEYS, type EventKey, type ProcessEvent } from '../../../src/core/events';
import { INITIAL_RECORD, type ProcessRecord, type TransitionContext } from '../../../src/core/record';
import type { ProcessStateName, SupervisorStateName } from '../../../src/core/states';
import { TRANSITIONS, transition } from '../../../src/core/transitions';
import { proc } from './config-factory';

const T0 = 1_000_000;
const NOW = T0 + 500; // half a second after the last start: too early for startsecs=1

const EVENTS: Record<EventKey, ProcessEvent> = {
  start: { type: 'start' },
  stop: { type: 'stop' },
  spawned: { type: 'spawned', pid: 42 },
  spawnFailed: { type: 'spawnFailed', spawnerr: "can't find command '/bin/x'" },
  exited: { type: 'exited', status: { code: 1, signal: null, coreDumped: false } },
  'timer:startsecs': { type: 'timer', kind: 'startsecs' },
  'timer:backoff': { type: 'timer', kind: 'backoff' },
  'timer:restart': { type: 'timer', kind: 'restart' },
  'timer:stopwait': { type: 'timer', kind: 'stopwait' },
  giveUp: { type: 'giveUp' },
  signalError: { type: 'signalError', signal: 15, error: 'EPERM', source: 'kill' },
};

/** BACKOFF and EXITED records wait for their next attempt (a retry; an autorestart) */
function recordIn(state: ProcessStateName): ProcessRecord {
  const alive = state === 'STARTING' || state === 'RUNNING' || state === 'STOPPING' || state === 'UNKNOWN';
  const waiting = state === 'BACKOFF' || state === 'EXITED';
  return {
    ...INITIAL_RECORD, state, pid: alive ? 7 : 0, laststart: T0, backoff: state === 'BACKOFF' ? 1 : 0, retryAt: waiting ? NOW + 500 : 0,
  };
}

type Row = Record<EventKey, string>;
const ILLEGAL: Row = {
  start: '-', stop: '-', spawned: '-', spawnFailed: '-', exited: '-', 'timer:startsecs': '-',
  'timer:backoff': '-', 'timer:restart': '-', 'timer:stopwait': '-', giveUp: '-', signalError: 'UNKNOWN',
};

// mood RUNNING; program: startsecs=1, startretries=3, autorestart=unexpected, exitcodes=0
const EXPECTED: Record<ProcessStateName, Row> = {
  STOPPED: { ...ILLEGAL, start: 'STARTING' },
  STARTING: {
    ...ILLEGAL, spawned: '=', spawnFailed: 'BACKOFF', exited: 'BACKOFF', 'timer:startsecs': 'RUNNING', stop: 'STOPPING',
  },
  // it ran 0.5 s: the restart waits for the 1 s floor (EXITED>STARTING once it ran 1 s, below)
  RUNNING: { ...ILLEGAL, exited: 'EXITED', stop: 'STOPPING' },
  BACKOFF: { ...ILLEGAL, 'timer:backoff': 'STARTING', start: 'STARTING', stop: 'STOPPED', giveUp: 'FATAL' },
  STOPPING: { ...ILLEGAL, exited: 'STOPPED', 'timer:stopwait': '=' },
  EXITED: { ...ILLEGAL, start: 'STARTING', 'timer:restart': 'STARTING', stop: 'STOPPED' },
  FATAL: { ...ILLEGAL, start: 'STARTING' },
  UNKNOWN: { ...ILLEGAL, exited: '=', signalError: '-' },
};

// the same with the supervisor shutting down: nothing new is spawned
const DIFFERENT_IN_SHUTDOWN: Partial<Record<ProcessStateName, Partial<Row>>> = {
  STOPPED: { start: '=' },
  RUNNING: { exited: 'EXITED' },
  BACKOFF: { 'timer:backoff': '=', start: '=' },
  EXITED: { start: '=', 'timer:restart': '=' },
  FATAL: { start: '=' },
};

function outcome(before: ProcessRecord, after: ProcessRecord, effects: readonly Effect[], legal: boolean): string {
  if (!legal) {
    assert.deepEqual(after, before, 'an illegal move leaves the record unchanged');
    assert.deepEqual(effects.map((e) => e.type), ['log']);
    assert.equal(effects[0]?.type === 'log' && effects[0].level, 'WARN');
    return '-';
  }
  const entered = effects.flatMap((e) => (e.type === 'stateChanged' ? [e.to] : []));
  assert.equal(entered.at(-1) ?? before.state, after.state, 'the last stateChanged is the new state');
  return entered.length === 0 ? '=' : entered.join('>');
}

function walk(mood: SupervisorStateName, expected: Record<ProcessStateName, Row>): void {
  const ctx: TransitionContext = { config: proc('x'), mood, now: NOW };
  for (const state of Object.keys(expected) as ProcessStateName[]) {
    for (const key of EVENT_KEYS) {
      const before = recordIn(state);
      const r = transition(before, EVENTS[key], ctx);
      assert.equal(outcome(before, r.record, r.effects, r.legal), expected[state][key], `${state} + ${key} (${mood})`);
    }
  }
}

test('every state x every event, mood RUNNING', () => walk('RUNNING', EXPECTED));

test('every state x every event, mood SHUTDOWN', () => {
  const table = Object.fromEntries(
    (Object.keys(EXPECTED) as ProcessStateName[]).map((s) => [s, { ...EXPECTED[s], ...DIFFERENT_IN_SHUTDOWN[s] }]),
  ) as Record<ProcessStateName, Row>;
  walk('SHUTDOWN', table);
});

test('the table has a row for every state and only known event keys', () => {
  for (const [state, row] of Object.entries(TRANSITIONS)) {
    for (const key of Object.keys(row)) assert.ok(EVENT_KEYS.includes(key as EventKey), `${state}.${key}`);
  }
  assert.deepEqual(Object.keys(TRANSITIONS).sort(), Object.keys(EXPECTED).sort());
});

test('STARTING exit after startsecs elapsed (late timer) goes RUNNING>EXITED in one step', () => {
  const ctx: TransitionContext = { config: proc('x', { autorestart: 'false' }), mood: 'RUNNING', now: T0 + 1000 };
  const r = transition(recordIn('STARTING'), EVENTS.exited, ctx);
  assert.equal(outcome(recordIn('STARTING'), r.record, r.effects, r.legal), 'RUNNING>EXITED');
  assert.ok(!r.effects.some((e) => e.type === 'log' && e.text.startsWith('success:')));
});

test('STARTING spawn failure on the last retry goes BACKOFF>FATAL', () => {
  const ctx: TransitionContext = { config: proc('x', { startretries: 1 }), mood: 'RUNNING', now: NOW };
  const before = { ...recordIn('STARTING'), backoff: 1 };
  const r = transition(before, EVENTS.spawnFailed, ctx);
  assert.equal(outcome(before, r.record, r.effects, r.legal), 'BACKOFF>FATAL');
  assert.equal(r.record.backoff, 0);
});

test('RUNNING exit after 1 s or more restarts at once; sooner, the restart timer takes the rest of the second', () => {
  const ctx = (now: number): TransitionContext => ({ config: proc('x', { autorestart: 'true' }), mood: 'RUNNING', now });
  let r = transition(recordIn('RUNNING'), EVENTS.exited, ctx(T0 + 1000));
  assert.equal(outcome(recordIn('RUNNING'), r.record, r.effects, r.legal), 'EXITED>STARTING');
  r = transition(recordIn('RUNNING'), EVENTS.exited, ctx(T0 + 300));
  assert.deepEqual(r.effects.filter((e) => e.type === 'setTimer'), [{ type: 'setTimer', kind: 'restart', delayMs: 700 }]);
  assert.deepEqual([r.record.state, r.record.retryAt], ['EXITED', T0 + 1000]);
});

test('EXITED with no restart pending: a stop changes nothing', () => {
  const before = { ...recordIn('EXITED'), retryAt: 0 };
  const r = transition(before, EVENTS.stop, { config: proc('x'), mood: 'RUNNING', now: NOW });
  assert.equal(outcome(before, r.record, r.effects, r.legal), '=');
  assert.deepEqual(r.record, before);
});

test('a start request while waiting cancels the pending timer and spawns now', () => {
  const ctx: TransitionContext = { config: proc('x'), mood: 'RUNNING', now: NOW };
  for (const [state, kind] of [['EXITED', 'restart'], ['BACKOFF', 'backoff']] as const) {
    const r = transition(recordIn(state), EVENTS.start, ctx);
    assert.deepEqual(r.effects.filter((e) => e.type === 'cancelTimer'), [{ type: 'cancelTimer', kind }], state);
    assert.deepEqual([r.record.state, r.record.retryAt], ['STARTING', 0]);
  }
});
