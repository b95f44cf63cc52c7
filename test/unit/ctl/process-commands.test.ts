// ctl start, stop, restart and signal (src/ctl/process-commands.ts): result lines and exit codes (A.3).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { FakePort } from '../server/fake-port';
import { ctl, disposePorts, T } from './helpers';

afterEach(disposePorts);

describe('ctl start / stop / restart / signal (A.3)', () => {
  it('start', T, async () => {
    const cases: [string, string[], number][] = [
      ['start grp:stopped', ['grp:stopped: started'], 0],
      ['start grp:running', ['grp:running: ERROR (already started)'], 0],
      ['start fatal', ['fatal: ERROR (spawn error)'], 7],
      ['start notfound', ['notfound: ERROR (no such file)'], 1],
      ['start nosuch', ['nosuch: ERROR (no such process)'], 1],
      ['start nog:*', ['nog: ERROR (no such group)'], 2],
      ['start grp:*', ['grp:stopped: started'], 0],
      ['start', ['Error: start requires a process name', 'start <name>\t\tStart a process', 'start <gname>:*\t\tStart all processes in a group', 'start <name> <name>\tStart multiple processes or groups', 'start all\t\tStart all processes'], 2],
    ];
    for (const [line, out, code] of cases) {
      const r = await ctl(line);
      assert.deepEqual(r.out, out, line);
      assert.equal(r.code, code, line);
    }
  });

  it('start all: results of startAllProcesses, in completion order', T, async () => {
    const r = await ctl('start all');
    assert.deepEqual(r.out, ['notfound: ERROR (no such file)', 'grp:stopped: started', 'exits: started', 'fatal: ERROR (spawn error)']);
    assert.equal(r.code, 7);
  });

  it('stop', T, async () => {
    const cases: [string, string[], number][] = [
      ['stop grp:running', ['grp:running: stopped'], 0],
      ['stop grp:stopped', ['grp:stopped: ERROR (not running)'], 0],
      ['stop nosuch', ['nosuch: ERROR (no such process)'], 1],
      ['stop nog:*', ['nog: ERROR (no such group)'], 1],
      ['stop web:*', ['web:web_00: stopped', 'web:web_01: stopped'], 0],
      ['stop', ['Error: stop requires a process name', 'stop <name>\t\tStop a process', 'stop <gname>:*\t\tStop all processes in a group', 'stop <name> <name>\tStop multiple processes or groups', 'stop all\t\tStop all processes'], 1],
    ];
    for (const [line, out, code] of cases) {
      const r = await ctl(line);
      assert.deepEqual(r.out, out, line);
      assert.equal(r.code, code, line);
    }
  });

  it('stop: FAILED prints the fault text as it is', T, async () => {
    const port = new FakePort([{ name: 'b', processes: [{ name: 'b', state: 'RUNNING', onStop: 'throws' }] }]);
    const r = await ctl('stop b', port);
    assert.deepEqual(r.out, ['FAILED: Failed to send SIGTERM to b: EPERM']);
    assert.equal(r.code, 1);
  });

  it('restart = stop output then start output', T, async () => {
    const r = await ctl('restart web:*');
    assert.deepEqual(r.out, ['web:web_00: stopped', 'web:web_01: stopped', 'web:web_00: started', 'web:web_01: started']);
    assert.equal(r.code, 0);
    const none = await ctl('restart');
    assert.equal(none.out[0], 'Error: restart requires a process name');
    assert.equal(none.code, 1);
  });

  it('signal', T, async () => {
    const cases: [string, string[], number][] = [
      ['signal HUP grp:running', ['grp:running: signalled'], 0],
      ['signal BADSIG web:web_00', ['web:web_00: ERROR (bad signal name)'], 1],
      ['signal HUP grp:stopped', ['grp:stopped: ERROR (not running)'], 7],
      ['signal HUP nosuch', ['nosuch: ERROR (no such process)'], 1],
      ['signal HUP nog:*', ['nog: ERROR (no such group)'], 1],
      ['signal USR1 all', ['grp:running: signalled', 'web:web_00: signalled', 'web:web_01: signalled'], 0],
      ['signal HUP', ['Error: signal requires a signal name and a process name', 'signal <signal name> <name>\t\tSignal a process', 'signal <signal name> <gname>:*\t\tSignal all processes in a group', 'signal <signal name> <name> <name>\tSignal multiple processes or groups', 'signal <signal name> all\t\tSignal all processes'], 1],
    ];
    for (const [line, out, code] of cases) {
      const r = await ctl(line);
      assert.deepEqual(r.out, out, line);
      assert.equal(r.code, code, line);
    }
  });

  it('a fault with no result text is an error line (FAILED on start)', T, async () => {
    const port = new FakePort([{ name: 'u', processes: [{ name: 'u', state: 'UNKNOWN' }] }]);
    const r = await ctl('start u', port);
    assert.deepEqual(r.out, ["error: <class 'ValueError'>, Unknown result code 30 for u"]);
    assert.equal(r.code, 1);
  });
});
