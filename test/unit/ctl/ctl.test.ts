// ctl in-process: commands run against the real dispatcher over the fake supervisor (no
// HTTP), so output text and exit codes can be checked for every rule of spec §7.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import type { CtlFileConfig } from '../../../src/config/types';
import { HttpStatusError } from '../../../src/protocol/client';
import { CtlContext, errorLine, type Caller } from '../../../src/ctl/context';
import { runLine } from '../../../src/ctl/controller';
import { columnize, topicList } from '../../../src/ctl/help';
import { runCtl } from '../../../src/ctl/main';
import { parseCtlArgs } from '../../../src/ctl/options';
import { statusLines } from '../../../src/ctl/status';
import { resolveTarget, type LoadCtlConfig } from '../../../src/ctl/target';
import { createDispatcher } from '../../../src/server/methods/dispatcher';
import { servedMethods } from '../../../src/server/methods/served';
import { RpcFault } from '../../../src/protocol/protocol';
import type { XmlRpcValue } from '../../../src/protocol/xmlrpc';
import { demoPort, FakePort } from '../server/fake-port';
import { fakeServed } from '../server/fake-served';

const T = { timeout: 5000 };
const URL = 'unix:///srv/demo/sv.sock';
let ports: FakePort[] = [];
afterEach(() => {
  for (const p of ports) p.dispose();
  ports = [];
});

async function ctl(line: string, port: FakePort = demoPort()): Promise<{ out: string[]; code: number; port: FakePort }> {
  ports.push(port);
  const d = createDispatcher(servedMethods(fakeServed(port).served));
  const caller: Caller = { call: (m, p = []) => d.call(m, p) };
  const out: string[] = [];
  const ctx = new CtlContext(URL, caller, (l) => out.push(l));
  await runLine(ctx, line);
  return { out, code: ctx.exitstatus, port };
}

function failing(err: unknown): Caller {
  return { call: (): Promise<XmlRpcValue> => Promise.reject(err) };
}

async function ctlWith(caller: Caller, line: string): Promise<{ out: string[]; code: number }> {
  const out: string[] = [];
  const ctx = new CtlContext(URL, caller, (l) => out.push(l));
  await runLine(ctx, line);
  return { out, code: ctx.exitstatus };
}

function errno(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('ctl status (§7.3, A.2)', () => {
  it('prints the table sorted by group then name', T, async () => {
    const r = await ctl('status');
    assert.deepEqual(r.out, [
      'backoff                          BACKOFF   Exited too quickly (process log may have details)',
      'exits                            EXITED    Nov 26 02:19 PM',
      'fatal                            FATAL     Exited too quickly (process log may have details)',
      'grp:running                      RUNNING   pid 5975, uptime 0:00:10',
      'grp:stopped                      STOPPED   Not started',
      "notfound                         FATAL     can't find command '/no/such/binary'",
      'web:web_00                       RUNNING   pid 5980, uptime 0:00:10',
      'web:web_01                       RUNNING   pid 5981, uptime 0:00:10',
    ]);
    assert.equal(r.code, 3);
  });

  it('exit codes of A.2', T, async () => {
    const cases: [string, number, string[]][] = [
      ['status grp:running', 0, ['grp:running                      RUNNING   pid 5975, uptime 0:00:10']],
      ['status grp:stopped', 3, ['grp:stopped                      STOPPED   Not started']],
      ['status fatal', 3, ['fatal                            FATAL     Exited too quickly (process log may have details)']],
      ['status backoff', 0, ['backoff                          BACKOFF   Exited too quickly (process log may have details)']],
      ['status exits', 3, ['exits                            EXITED    Nov 26 02:19 PM']],
      ['status nosuch', 4, ['nosuch: ERROR (no such process)']],
      ['status nog:*', 4, ['nog: ERROR (no such group)']],
      ['status nog:', 4, ['nog: ERROR (no such group)']],
      ['status web:*', 0, ['web:web_00                       RUNNING   pid 5980, uptime 0:00:10', 'web:web_01                       RUNNING   pid 5981, uptime 0:00:10']],
    ];
    for (const [line, code, out] of cases) {
      const r = await ctl(line);
      assert.deepEqual(r.out, out, line);
      assert.equal(r.code, code, line);
    }
  });

  it('errors come before the table; a stopped match beats an unknown name (last wins)', T, async () => {
    const r = await ctl('status nosuch grp:stopped');
    assert.deepEqual(r.out, ['nosuch: ERROR (no such process)', 'grp:stopped                      STOPPED   Not started']);
    assert.equal(r.code, 3);
    const s = await ctl('status grp:running nosuch');
    assert.equal(s.code, 4);
  });

  it('STARTING and STOPPING count as running; rows keep trailing spaces', T, async () => {
    const port = new FakePort([{ name: 'a', processes: [{ name: 'a', state: 'STARTING' }] }, { name: 'b', processes: [{ name: 'b', state: 'STOPPING' }] }]);
    const r = await ctl('status', port);
    assert.deepEqual(r.out, [`a${' '.repeat(32)}STARTING  `, `b${' '.repeat(32)}STOPPING  `]);
    assert.equal(r.code, 0);
  });

  it('the name column grows past 30 characters', T, () => {
    const long = 'x'.repeat(40);
    const lines = statusLines([
      { name: long, group: long, state: 20, statename: 'RUNNING', pid: 1, description: 'd' },
      { name: 'p', group: 'g', state: 0, statename: 'STOPPED', pid: 0, description: 'Not started' },
    ]);
    assert.equal(lines[0], `${long}   RUNNING   d`);
    assert.equal(lines[1], `g:p${' '.repeat(40)}STOPPED   Not started`);
  });

  it('up-check failures: status exits 4 whatever the cause', T, async () => {
    assert.deepEqual(await ctlWith(failing(errno('ENOENT')), 'status'), { out: [`${URL} no such file`], code: 4 });
    assert.deepEqual(await ctlWith(failing(errno('ECONNREFUSED')), 'status'), { out: [`${URL} refused connection`], code: 4 });
  });
});

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

describe('ctl pid / version / shutdown / reload', () => {
  it('pid', T, async () => {
    assert.deepEqual(await ctl('pid').then((r) => [r.out, r.code]), [['4242'], 0]);
    assert.deepEqual(await ctl('pid grp:running').then((r) => [r.out, r.code]), [['5975'], 0]);
    assert.deepEqual(await ctl('pid grp:stopped').then((r) => [r.out, r.code]), [['0'], 7]);
    assert.deepEqual(await ctl('pid nosuch').then((r) => [r.out, r.code]), [['No such process nosuch'], 1]);
    assert.deepEqual(await ctl('pid all').then((r) => [r.out, r.code]), [['0', '0', '0', '5975', '0', '0', '5980', '5981'], 0]);
  });

  it('version', T, async () => {
    assert.deepEqual(await ctl('version').then((r) => [r.out, r.code]), [['4.2.5'], 0]);
    const r = await ctl('version x');
    assert.deepEqual(r.out, ['Error: version accepts no arguments', 'version\t\t\tShow the version of the remote supervisord process']);
    assert.equal(r.code, 1);
  });

  it('shutdown and reload', T, async () => {
    const s = await ctl('shutdown');
    assert.deepEqual([s.out, s.code, s.port.shutdowns], [['Shut down'], 0, 1]);
    const port = demoPort();
    port.mood = 'SHUTDOWN';
    assert.deepEqual(await ctl('shutdown', port).then((r) => [r.out, r.code]), [['ERROR: already shutting down'], 0]);
    assert.deepEqual(await ctl('reload', port).then((r) => [r.out, r.code]), [['ERROR: already shutting down'], 1]);
    const rl = await ctl('reload');
    assert.deepEqual([rl.out, rl.code, rl.port.restarts], [['Restarted supervisord'], 0, 1]);
    assert.deepEqual(await ctl('shutdown now').then((r) => [r.out, r.code]), [['Error: shutdown accepts no arguments', 'shutdown \tShut the remote supervisord down.'], 1]);
    assert.deepEqual(await ctlWith(failing(errno('ENOENT')), 'shutdown'), { out: [`ERROR: ${URL} no such file (already shut down?)`], code: 1 });
    assert.deepEqual(await ctlWith(failing(errno('ECONNREFUSED')), 'shutdown'), { out: [`ERROR: ${URL} refused connection (already shut down?)`], code: 1 });
    assert.deepEqual(await ctlWith(failing(errno('ENOENT')), 'reload'), { out: ["error: <class 'FileNotFoundError'>, [Errno 2] No such file or directory"], code: 1 });
  });

  it('a SHUTDOWN_STATE fault during status is an error line, exit 1', T, async () => {
    const port = demoPort();
    port.mood = 'RESTARTING';
    const r = await ctl('status', port);
    assert.deepEqual(r.out, ["error: <class 'xmlrpc.client.Fault'>, <Fault 6: 'SHUTDOWN_STATE'>"]);
    assert.equal(r.code, 1);
  });
});

describe('ctl up-check (§7.1)', () => {
  it('no such file / refused connection / other API / no supervisor namespace / 401', T, async () => {
    assert.deepEqual(await ctlWith(failing(errno('ENOENT')), 'start x'), { out: [`${URL} no such file`], code: 7 });
    assert.deepEqual(await ctlWith(failing(errno('ECONNREFUSED')), 'pid'), { out: [`${URL} refused connection`], code: 4 });
    assert.deepEqual(await ctlWith({ call: async () => '2.0' }, 'version'), {
      out: ['Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, but the remote version is 2.0.'],
      code: 5,
    });
    const r = await ctlWith(failing(RpcFault.of('UNKNOWN_METHOD')), 'stop x');
    assert.equal(r.code, 3);
    assert.match(r.out[0], /^Sorry, supervisord responded but did not recognize the supervisor namespace commands/);
    assert.deepEqual(await ctlWith(failing(new HttpStatusError(401, 'Unauthorized')), 'status'), {
      out: ['Server requires authentication', "error: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>"],
      code: 1,
    });
  });
});

describe('ctl command words and help', () => {
  it('unknown syntax, quit', T, async () => {
    assert.deepEqual(await ctl('frob a b').then((r) => [r.out, r.code]), [['*** Unknown syntax: frob a b'], 1]);
    assert.deepEqual(await ctl('!ls').then((r) => [r.out, r.code]), [['*** Unknown syntax: !ls'], 1]);
    assert.deepEqual(await ctl('quit').then((r) => [r.out, r.code]), [[''], 0]);
  });

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

  it('errorLine for OS errors', T, () => {
    assert.equal(errorLine(errno('ECONNREFUSED')), "error: <class 'ConnectionRefusedError'>, [Errno 111] Connection refused");
    assert.equal(errorLine(new RpcFault(10, "BAD_NAME: it's")), `error: <class 'xmlrpc.client.Fault'>, <Fault 10: "BAD_NAME: it's">`);
  });
});

describe('ctl options (§1.2)', () => {
  it('getopt-style parsing stops at the action', T, () => {
    const p = parseCtlArgs(['-s', 'unix:///x.sock', '-uadmin', '--password=pw', 'tail', '-f', 'x']);
    assert.ok(p.ok);
    assert.equal(p.options.serverurl, 'unix:///x.sock');
    assert.equal(p.options.username, 'admin');
    assert.equal(p.options.password, 'pw');
    assert.deepEqual(p.options.args, ['tail', '-f', 'x']);
    const q = parseCtlArgs(['--serv', 'http://h:1', '-i', 'status']);
    assert.ok(q.ok);
    assert.equal(q.options.serverurl, 'http://h:1');
    assert.equal(q.options.interactive, true);
  });

  it('errors with supervisorctl wording', T, () => {
    const err = (argv: string[]): string => {
      const p = parseCtlArgs(argv);
      assert.ok(!p.ok);
      return p.error;
    };
    assert.equal(err(['-x']), 'option -x not recognized');
    assert.equal(err(['-s']), 'option -s requires argument');
    assert.equal(err(['--nosuch']), 'option --nosuch not recognized');
    assert.equal(err(['-s', 'unix:///x', '-s', 'unix:///y']), "conflicting command line option '-s'");
    assert.equal(err(['-s', 'foo']), "invalid value for -s 'foo': value 'foo' is not a URL");
    assert.equal(err(['--help=x']), 'option --help must not have an argument');
  });
});

describe('ctl: which server (lookup order)', () => {
  const cfg = (over: Partial<CtlFileConfig>): CtlFileConfig => ({ serverurl: null, username: null, password: null, prompt: 'supervisor', history_file: null, unixSocketFile: null, ...over });
  const loader = (m: Record<string, CtlFileConfig>): LoadCtlConfig => (file) => (m[file] ? { ok: true, config: m[file] } : { ok: false, errors: [`.ini file does not include supervisorctl section`] });
  const opts = (argv: string[]) => {
    const p = parseCtlArgs(argv);
    assert.ok(p.ok);
    return p.options;
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-ctl-'));
  const explicit = path.join(dir, 'explicit.conf');
  fs.writeFileSync(explicit, '');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('-s beats everything; credentials still come from the config', T, () => {
    const t = resolveTarget({ options: opts(['-s', 'unix:///s.sock', '-c', explicit]), env: { SUPERVISOR_SERVER_URL: 'unix:///env.sock' }, load: loader({ [explicit]: cfg({ serverurl: 'unix:///c.sock', username: 'u', password: 'p' }) }), search: () => null });
    assert.deepEqual(t, { url: 'unix:///s.sock', username: 'u', password: 'p' , prompt: 'supervisor', historyFile: null });
  });

  it('-c config: serverurl, then [unix_http_server] file; both beat the environment', T, () => {
    const env = { SUPERVISOR_SERVER_URL: 'unix:///env.sock' };
    assert.equal(resolveTarget({ options: opts(['-c', explicit]), env, load: loader({ [explicit]: cfg({ serverurl: 'http://h:9' }) }), search: () => null }).url, 'http://h:9');
    assert.equal(resolveTarget({ options: opts(['-c', explicit]), env, load: loader({ [explicit]: cfg({ unixSocketFile: '/f.sock' }) }), search: () => null }).url, 'unix:///f.sock');
    assert.equal(resolveTarget({ options: opts(['-c', explicit]), env, load: loader({ [explicit]: cfg({}) }), search: () => null }).url, 'unix:///env.sock');
  });

  it('environment beats a searched config; the searched config beats the default socket when its socket exists', T, async () => {
    const found = '/etc/supervisord.conf';
    const live = path.join(dir, 'searched.sock');
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(live, r));
    try {
      const load = loader({ [found]: cfg({ unixSocketFile: live, username: 'su' }) });
      assert.deepEqual(resolveTarget({ options: opts([]), env: { SUPERVISOR_SERVER_URL: 'unix:///env.sock' }, load, search: () => found }), { url: 'unix:///env.sock', username: 'su', password: null, prompt: 'supervisor', historyFile: null });
      assert.equal(resolveTarget({ options: opts([]), env: {}, load, search: () => found }).url, `unix://${live}`);
      // a searched config naming a socket that is not there (a distribution's default file): the default socket
      const stale = loader({ [found]: cfg({ unixSocketFile: '/nonexistent/supervisor.sock' }) });
      assert.match(resolveTarget({ options: opts([]), env: {}, load: stale, search: () => found }).url, /^unix:\/\/\/(run|tmp)\/tend\.sock$/);
      assert.match(resolveTarget({ options: opts(['-u', 'me']), env: {}, load, search: () => null }).url, /^unix:\/\/\/(run|tmp)\/tend\.sock$/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('runCtl: usage errors, a missing -c file, a config without [supervisorctl], -h', T, async () => {
    const run = async (argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCtl({
        argv, argv0: '/usr/bin/tendctl', env: {}, stdout: (t) => (out += t), stderr: (t) => (err += t),
        loadConfig: loader({}), findConfig: () => null,
      });
      return { code, out, err };
    };
    assert.deepEqual(await run(['-x']), { code: 2, out: '', err: 'Error: option -x not recognized\nFor help, use /usr/bin/tendctl -h\n' });
    assert.deepEqual(await run(['-c', '/nonexist.conf', 'status']), { code: 2, out: '', err: 'Error: could not find config file /nonexist.conf\nFor help, use /usr/bin/tendctl -h\n' });
    assert.deepEqual(await run(['-c', explicit, 'status']), { code: 2, out: '', err: 'Error: .ini file does not include supervisorctl section\nFor help, use /usr/bin/tendctl -h\n' });
    const h = await run(['-h']);
    assert.equal(h.code, 0);
    assert.match(h.out, /^ctl \(tendctl\)/);
    const bad = await run(['-s', 'https://x', 'status']);
    // supervisorctl: the ValueError escapes the up-check, so status's exit 4 is not applied
    assert.deepEqual(bad, { code: 1, out: "error: <class 'ValueError'>, Unknown protocol for serverurl https://x\n", err: '' });
  });
});
