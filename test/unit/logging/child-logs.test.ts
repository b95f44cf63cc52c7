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

test('logs are kept per group and name: a program in two [group:] sections has two logs', async () => {
  const { ChildLogs } = await import('../../../src/logging/child-logs');
  const { SafeStream } = await import('../../../src/logging/stdout');
  const { PassThrough } = await import('node:stream');
  const { config, group, proc } = await import('../core/config-factory');
  const console = { logfile: { kind: 'console' as const }, logfile_maxbytes: 0, logfile_backups: 0, capture_maxbytes: 0, events_enabled: false, syslog: false };
  const x = proc('x', { stdout: console });
  const logs = new ChildLogs(config([group('a', 1, [x]), group('b', 2, [x])]), {
    log: { log: () => undefined }, stdout: new SafeStream(new PassThrough()), stderr: new SafeStream(new PassThrough()),
  });
  const a = logs.reader('a', 'x', 'stdout');
  const b = logs.reader('b', 'x', 'stdout');
  assert.ok(a !== null && b !== null);
  assert.notEqual(a, b);
  logs.removeProcesses([{ ...x, group: 'a' }]);
  assert.equal(logs.reader('a', 'x', 'stdout'), null);
  assert.equal(logs.reader('b', 'x', 'stdout'), b);
  logs.close();
});
