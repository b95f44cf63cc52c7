// getAllConfigInfo keeps supervisord 4.2.5's keys: tend's own program keys are left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allConfigInfo } from '../../../../src/server/methods/config-info';
import { config, proc, single } from '../../core/config-factory';

test('no backoff keys; startretries=infinite is the largest int', () => {
  const p = proc('a', { startretries: Infinity, backoff: 'exponential', backoff_max: 60, restart_backoff: 'linear' });
  const [info] = allConfigInfo(config([single(p)]), new Set(['a']));
  assert.ok(info);
  assert.equal(info.startretries, 2 ** 31 - 1);
  for (const key of ['backoff', 'backoff_max', 'restart_backoff']) assert.equal(key in info, false, key);
  assert.equal(Object.keys(info).length, 29, 'as many keys as 4.2.5');
});
