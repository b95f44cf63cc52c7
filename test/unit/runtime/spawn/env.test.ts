// The environment of a supervised child (spec §3.5 step 4, plus HOME/USER/LOGNAME for user=).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UserSpec } from '../../../../src/config/types';
import { childEnvironment, toEnvp } from '../../../../src/runtime/spawn/env';
import { proc } from '../../core/config-factory';

const NOBODY: UserSpec = { spec: 'nobody', name: 'nobody', uid: 65534, gid: 65534, groups: [65534], home: '/nonexistent' };

test('base env, then SUPERVISOR_*, then the program environment', () => {
  const env = childEnvironment(proc('web', { group: 'front', environment: { A: 'prog', SUPERVISOR_ENABLED: 'x' } }), {
    baseEnv: { PATH: '/bin', A: 'base', HOME: '/root' },
    serverUrl: 'unix:///run/tend.sock',
  });
  assert.deepEqual(env, {
    PATH: '/bin', A: 'prog', HOME: '/root',
    SUPERVISOR_ENABLED: 'x',
    SUPERVISOR_SERVER_URL: 'unix:///run/tend.sock',
    SUPERVISOR_PROCESS_NAME: 'web',
    SUPERVISOR_GROUP_NAME: 'front',
  });
});

test('serverurl: an explicit one wins over AUTO; no server leaves it out', () => {
  const ctx = { baseEnv: {}, serverUrl: 'http://localhost:9001' };
  assert.equal(childEnvironment(proc('a', { serverurl: 'unix:///x.sock' }), ctx).SUPERVISOR_SERVER_URL, 'unix:///x.sock');
  assert.equal(childEnvironment(proc('a'), ctx).SUPERVISOR_SERVER_URL, 'http://localhost:9001');
  assert.equal('SUPERVISOR_SERVER_URL' in childEnvironment(proc('a'), { baseEnv: {}, serverUrl: null }), false);
});

test('user= sets HOME, USER and LOGNAME; the program environment still wins', () => {
  const ctx = { baseEnv: { HOME: '/root', USER: 'root' }, serverUrl: null };
  const env = childEnvironment(proc('a', { user: NOBODY }), ctx);
  assert.equal(env.HOME, '/nonexistent');
  assert.equal(env.USER, 'nobody');
  assert.equal(env.LOGNAME, 'nobody');
  assert.equal(childEnvironment(proc('a', { user: NOBODY, environment: { HOME: '/srv' } }), ctx).HOME, '/srv');
  assert.equal(childEnvironment(proc('a'), ctx).HOME, '/root');
});

test('toEnvp keeps order and drops what execve cannot carry', () => {
  assert.deepEqual(toEnvp({ B: '2', A: 'x=y', 'BAD=KEY': '1', NUL: 'a\0b', '': 'e', U: undefined, E: '' }), ['B=2', 'A=x=y', 'E=']);
});
