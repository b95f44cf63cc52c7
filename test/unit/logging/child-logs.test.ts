import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autoLogName, isOldAutoLog } from '../../../src/logging/child-logs';

test('AUTO log names as supervisord makes them', () => {
  let n = 0;
  const name = autoLogName('web_00', 'stdout', 'supervisor', () => n++);
  assert.equal(name, 'web_00-stdout---supervisor-abcdefgh.log');
});

test('old AUTO logs (and their backups) are recognised by identifier; other files are not', () => {
  assert.equal(isOldAutoLog('web-stdout---supervisor-wdy14y2v.log', 'supervisor'), true);
  assert.equal(isOldAutoLog('web-stderr---supervisor-wdy14y2v.log.3', 'supervisor'), true);
  assert.equal(isOldAutoLog('web-stdout---other-wdy14y2v.log', 'supervisor'), false);
  assert.equal(isOldAutoLog('web.log', 'supervisor'), false);
  assert.equal(isOldAutoLog('---supervisor-x.log', 'supervisor'), false);
});
