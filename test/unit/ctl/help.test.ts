// ctl help (src/ctl/help.ts): the topic list, help <cmd>, ?cmd, Python cmd's columns.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { columnize, topicList } from '../../../src/ctl/help';
import { ctl, disposePorts, T } from './helpers';

afterEach(disposePorts);

describe('ctl help', () => {
  it('help lists commands; help <cmd>; ?cmd', T, async () => {
    const r = await ctl('help');
    assert.deepEqual(r.out, topicList());
    assert.equal(r.out[1], 'default commands (type help <topic>):');
    assert.deepEqual(await ctl('help status').then((x) => x.out), [
      'status <name>\t\tGet status for a single process', 'status <gname>:*\tGet status for all processes in a group',
      'status <name> <name>\tGet status for multiple named processes', 'status\t\t\tGet all process status info',
    ]);
    assert.deepEqual(await ctl('?version').then((x) => x.out), ['version\t\t\tShow the version of the remote supervisord process']);
    assert.deepEqual(await ctl('help frob').then((x) => [x.out, x.code]), [['*** No help on frob'], 0]);
    assert.equal((await ctl('help tail')).out[0], 'tail [-f] <name> [stdout|stderr] (default stdout)');
    assert.equal((await ctl('help health')).out.length, 2, "tend's own command has help, though help does not list it");
  });

  it('columnize lays out topics like Python cmd', T, () => {
    const names = ['add', 'avail', 'clear', 'exit', 'fg', 'maintail', 'open', 'pid', 'quit', 'reload', 'remove', 'reread', 'restart', 'shutdown', 'signal', 'start', 'status', 'stop', 'tail', 'update', 'version'];
    assert.deepEqual(columnize(names), [
      'add    exit      open  reload  restart   start   tail   ',
      'avail  fg        pid   remove  shutdown  status  update ',
      'clear  maintail  quit  reread  signal    stop    version',
    ]);
  });
});
