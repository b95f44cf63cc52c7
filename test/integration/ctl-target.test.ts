// How our ctl finds the server without -s: $SUPERVISOR_SERVER_URL, a -c config's
// [supervisorctl] serverurl or [unix_http_server] file, credentials from the config; and
// ctl without an action (the status table, then exit). Also resolveTarget (src/ctl/target.ts)
// with a searched config whose socket is live (the rest of it: test/unit/ctl/target.test.ts).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { resolveTarget } from '../../src/ctl/target';
import type { RunningServers } from '../../src/server/http/server';
import { cfg, loader, opts } from '../unit/ctl/helpers';
import type { FakePort } from '../unit/server/fake-port';
import { fakeServed } from '../unit/server/fake-served';
import { run, startServing, tempDir, unixConfig } from './server-helpers';

const ROOT = path.resolve(__dirname, '../..');
const CTL = path.join(ROOT, 'src/ctl.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;
const T = { timeout: 30_000 };

let dir = '';
let sock = '';
let port: FakePort;
let servers: RunningServers;

before(async () => {
  dir = tempDir('tend-ctl-target-');
  sock = path.join(dir, 'sv.sock');
  const f = fakeServed();
  port = f.port;
  servers = await startServing(unixConfig(sock, { username: 'admin', password: 'secret' }), null, f.served);
});

after(async () => {
  await servers.close();
  port.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function ctl(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.SUPERVISOR_SERVER_URL;
  return run(process.execPath, ['--import', TSX, CTL, ...args], { cwd: dir, env: { ...base, ...env }, timeoutMs: 20_000 });
}

function conf(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

describe('ctl: finding the server', () => {
  it('$SUPERVISOR_SERVER_URL, with -u/-p', T, async () => {
    const r = await ctl(['-u', 'admin', '-p', 'secret', 'pid'], { SUPERVISOR_SERVER_URL: `unix://${sock}` });
    assert.deepEqual([r.stdout, r.status], ['4242\n', 0]);
  });

  it('-c: [supervisorctl] serverurl, username and password', T, async () => {
    const c = conf('a.conf', `[supervisorctl]\nserverurl = unix://${sock}\nusername = admin\npassword = secret\n`);
    const r = await ctl(['-c', c, 'version']);
    assert.deepEqual([r.stdout, r.stderr, r.status], ['4.2.5\n', '', 0]);
  });

  it('-c: the [unix_http_server] file when serverurl is not set; it beats the environment', T, async () => {
    const c = conf('b.conf', `[unix_http_server]\nfile = %(here)s/sv.sock\n\n[supervisorctl]\nusername = admin\npassword = secret\n`);
    const r = await ctl(['-c', c, 'status', 'grp:running'], { SUPERVISOR_SERVER_URL: 'unix:///nonexistent.sock' });
    assert.deepEqual([r.stdout, r.status], ['grp:running                      RUNNING   pid 5975, uptime 0:00:10\n', 0]);
  });

  it('without an action: the shell, which prints the status table first; end of input leaves it, exit 0', T, async () => {
    const r = await ctl(['-u', 'admin', '-p', 'secret'], { SUPERVISOR_SERVER_URL: `unix://${sock}` });
    assert.equal(r.status, 0, 'interactive mode always exits 0, as supervisorctl');
    assert.match(r.stdout, /^backoff {26}BACKOFF {3}/);
    assert.match(r.stdout, /\nsupervisor> \n$/);
  });

  it('a config without [supervisorctl] falls through to its [unix_http_server] file', T, async () => {
    const c = conf('c.conf', `[supervisord]\n[unix_http_server]\nfile=${sock}\n`);
    const r = await ctl(['-c', c, '-u', 'admin', '-p', 'secret', 'status']);
    assert.equal(r.status, 3);
    assert.match(r.stdout, /^backoff {26}BACKOFF {3}/);
  });

  it('a config with a syntax error is a usage error', T, async () => {
    const c = conf('d.conf', '[supervisord]\njustakey\n');
    const r = await ctl(['-c', c, 'status']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Error: .*d\.conf:2: .*justakey.*\nFor help, use .* -h\n$/);
  });

  it('wrong credentials: supervisorctl\'s two lines, exit 1', T, async () => {
    const r = await ctl(['-s', `unix://${sock}`, '-u', 'admin', '-p', 'nope', 'status']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "Server requires authentication\nerror: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>\n");
  });
});

describe('ctl: which server (lookup order)', () => {
  it('environment beats a searched config; the searched config beats the default socket when its socket exists', { timeout: 5000 }, async () => {
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
});
