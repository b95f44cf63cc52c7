// The real HTTP server on a temp unix socket and on TCP, serving the fake supervisor:
// socket publication and cleanup, routes, headers, byte-exact bodies, auth, keep-alive,
// and the client.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { HttpStatusError, parseServerUrl, RpcClient } from '../../src/protocol/client';
import { defaultSocketPath, RpcFault } from '../../src/protocol/protocol';
import { errorPage, HttpServerError, startServers, type RunningServers } from '../../src/server/http/server';
import { serverUrlFor } from '../../src/server/http/server-url';
import { encodeCall } from '../../src/protocol/xmlrpc';
import type { FakePort } from '../unit/server/fake-port';
import { fakeServed } from '../unit/server/fake-served';
import { freePort, inetConfig, MemoryLog, request, startServing, tempDir, unixConfig } from './server-helpers';

const T = { timeout: 10_000 };
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(opts: { unix?: Parameters<typeof unixConfig>[1]; inet?: boolean; inetExtra?: Parameters<typeof inetConfig>[1] } = {}): Promise<{
  dir: string; sock: string; port: FakePort; servers: RunningServers; log: MemoryLog; tcpPort: number;
}> {
  const dir = tempDir();
  const sock = path.join(dir, 'sv.sock');
  const { port, served } = fakeServed();
  const log = new MemoryLog();
  const tcpPort = opts.inet ? await freePort() : 0;
  const servers = await startServing(unixConfig(sock, opts.unix), opts.inet ? inetConfig(tcpPort, opts.inetExtra) : null, served, log);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => port.dispose(), () => servers.close());
  return { dir, sock, port, servers, log, tcpPort };
}

describe('rpc server: unix socket', () => {
  it('publishes the socket with its mode, no temp name left, removed on close', T, async () => {
    const { dir, sock, servers, log } = await serve({ unix: { chmod: 0o660 } });
    const st = fs.statSync(sock);
    assert.ok(st.isSocket());
    assert.equal(st.mode & 0o777, 0o660);
    assert.deepEqual(fs.readdirSync(dir), ['sv.sock']);
    assert.deepEqual(servers.urls, [`unix://${sock}`]);
    assert.equal(serverUrlFor(null, servers), `unix://${sock}`);
    assert.deepEqual(log.lines, ["INFO RPC interface 'supervisor' initialized", "CRIT Server 'unix_http_server' running without any HTTP authentication checking"]);
    await servers.close();
    assert.equal(fs.existsSync(sock), false);
  });

  it('unlinks a stale socket (with a note on stderr) and takes over', T, async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const sock = path.join(dir, 'sv.sock');
    // a socket file nobody listens on: bind, then drop the listener without unlinking
    const stale = net.createServer();
    await new Promise<void>((r) => stale.listen(path.join(dir, 'tmp.sock'), r));
    fs.linkSync(path.join(dir, 'tmp.sock'), sock);
    await new Promise<void>((r) => stale.close(() => r()));
    assert.ok(fs.existsSync(sock));
    const { port, served } = fakeServed();
    cleanups.push(() => port.dispose());
    const written: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array): boolean => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let servers: RunningServers;
    try {
      servers = await startServing(unixConfig(sock), null, served);
    } finally {
      process.stderr.write = orig;
    }
    cleanups.push(() => servers.close());
    assert.deepEqual(written, [`Unlinking stale socket ${sock}\n`]);
    const c = new RpcClient({ url: `unix://${sock}` });
    assert.equal(await c.call('supervisor.getPID'), 4242);
  });

  it('refuses a socket that is in use, and leaves it alone', T, async () => {
    const { sock } = await serve();
    await assert.rejects(startServers({ unix_http_server: unixConfig(sock), inet_http_server: null }, new MemoryLog()), (err: Error) => {
      assert.ok(err instanceof HttpServerError);
      assert.equal(
        err.message,
        'Another program is already listening on a port that one of our HTTP servers is configured to use.  Shut this program down first before starting supervisord.',
      );
      return true;
    });
    assert.ok(fs.statSync(sock).isSocket());
    assert.equal(await new RpcClient({ url: `unix://${sock}` }).call('supervisor.getVersion'), '3.0');
  });

  it('reports a directory that does not exist as a bind error', T, async () => {
    await assert.rejects(
      startServers({ unix_http_server: unixConfig('/nonexistent-dir-tend/x.sock'), inet_http_server: null }, new MemoryLog()),
      /^HttpServerError: Cannot open an HTTP server: socket.error reported errno.ENOENT \(2\)$/,
    );
  });

  it('the default socket is /run/tend.sock or /tmp/tend.sock', T, () => {
    assert.ok(['/run/tend.sock', '/tmp/tend.sock'].includes(defaultSocketPath()));
  });
});

describe('rpc server: HTTP', () => {
  it('answers XML-RPC byte for byte with medusa headers', T, async () => {
    const { sock } = await serve();
    const r = await request({ socketPath: sock }, { body: encodeCall('supervisor.getSupervisorVersion'), headers: { 'Content-Type': 'text/xml' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.server, 'Medusa/1.12');
    assert.equal(r.headers['content-type'], 'text/xml');
    assert.equal(r.headers['content-length'], String(Buffer.byteLength(r.body)));
    assert.ok(r.headers.date);
    assert.equal(r.body, "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>4.2.5</string></value>\n</param>\n</params>\n</methodResponse>\n");
    const f = await request({ socketPath: sock }, { body: encodeCall('supervisor.getProcessInfo', ['nosuch']) });
    assert.equal(f.status, 200);
    assert.match(f.body, /<name>faultString<\/name>\n<value><string>BAD_NAME: nosuch<\/string><\/value>/);
  });

  it('400 for GET /RPC2 and malformed bodies, 404 elsewhere, with medusa error pages', T, async () => {
    const { sock, log } = await serve();
    const get = await request({ socketPath: sock }, { method: 'GET' });
    assert.equal(get.status, 400);
    assert.equal(get.body, errorPage(400));
    assert.equal(get.headers['content-type'], 'text/html');
    for (const body of ['junk', '<methodCall><params/></methodCall>']) {
      const bad = await request({ socketPath: sock }, { body });
      assert.equal(bad.status, 400);
    }
    assert.ok(log.lines.some((l) => l.startsWith('ERRO XML-RPC request data "junk" is invalid: unmarshallable')));
    assert.ok(log.lines.some((l) => l.endsWith('is invalid: no method name')));
    const nf = await request({ socketPath: sock }, { method: 'GET', path: '/nosuch' });
    assert.equal(nf.status, 404);
    assert.equal(nf.statusMessage, 'Not Found');
    assert.equal(nf.headers.server, 'Medusa/1.12');
    assert.equal(nf.body, '<head>\r\n<title>Error response</title>\r\n</head>\r\n<body>\r\n<h1>Error response</h1>\r\n<p>Error code 404.\r\n<p>Message: Not Found.\r\n</body>\r\n');
  });

  it('keeps the connection usable for several calls (keep-alive)', T, async () => {
    const { sock } = await serve();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    for (const m of ['supervisor.getVersion', 'supervisor.getPID', 'supervisor.getState']) {
      const r = await request({ socketPath: sock }, { body: encodeCall(m), agent });
      assert.equal(r.status, 200);
      assert.notEqual(r.headers.connection, 'close');
    }
    // one socket served all three
    const sockets = Object.values(agent.freeSockets).flat();
    assert.equal(sockets.length, 1);
  });

  it('Basic auth: 401 with realm and Connection: close, {SHA} passwords, every route', T, async () => {
    // sha1('thepassword')
    const { sock } = await serve({ unix: { username: 'admin', password: '{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d' } });
    const no = await request({ socketPath: sock }, { body: encodeCall('supervisor.getPID') });
    assert.equal(no.status, 401);
    assert.equal(no.headers['www-authenticate'], 'Basic realm="default"');
    assert.equal(no.headers.connection, 'close');
    assert.equal(no.headers['content-length'], '137');
    const wrong = await request({ socketPath: sock }, { body: encodeCall('supervisor.getPID'), headers: { Authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` } });
    assert.equal(wrong.status, 401);
    const nf = await request({ socketPath: sock }, { method: 'GET', path: '/x' });
    assert.equal(nf.status, 401);
    const c = new RpcClient({ url: `unix://${sock}`, username: 'admin', password: 'thepassword' });
    assert.equal(await c.call('supervisor.getPID'), 4242);
    await assert.rejects(new RpcClient({ url: `unix://${sock}` }).call('supervisor.getPID'), (e: Error) => e instanceof HttpStatusError && e.status === 401);
  });

  it('serves TCP too, with plain-text passwords', T, async () => {
    const { tcpPort, servers, log } = await serve({ inet: true, inetExtra: { username: 'u', password: 'p' } });
    assert.equal(servers.urls[1], `http://127.0.0.1:${tcpPort}`);
    assert.equal(log.lines.filter((l) => l.includes('initialized')).length, 2);
    const c = new RpcClient({ url: `http://127.0.0.1:${tcpPort}`, username: 'u', password: 'p' });
    assert.deepEqual(await c.call('supervisor.getState'), { statecode: 1, statename: 'RUNNING' });
    await assert.rejects(new RpcClient({ url: `http://127.0.0.1:${tcpPort}`, username: 'u', password: 'x' }).call('supervisor.getPID'), HttpStatusError);
  });

  it('a TCP port in use is refused with supervisord\'s message', T, async () => {
    const { tcpPort } = await serve({ inet: true });
    await assert.rejects(startServers({ unix_http_server: null, inet_http_server: inetConfig(tcpPort) }, new MemoryLog()), /Another program is already listening/);
  });

  it('blocking calls answer when the state is reached; a client that leaves stops the wait', T, async () => {
    const { sock, port } = await serve();
    const c = new RpcClient({ url: `unix://${sock}` });
    assert.deepEqual(await c.call('supervisor.stopProcessGroup', ['web']), [
      { name: 'web_00', group: 'web', status: 80, description: 'OK' },
      { name: 'web_01', group: 'web', status: 80, description: 'OK' },
    ]);
    port.delayMs = 60_000;
    const gone = new RpcClient({ url: `unix://${sock}`, timeoutMs: 100 });
    await assert.rejects(gone.call('supervisor.startProcess', ['web:web_00']), /no answer/);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(port.listenerCount(), 0);
  });

  it('servers opened before the supervisor exists hold requests until attach()', T, async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const sock = path.join(dir, 's.sock');
    const servers = await startServers({ unix_http_server: unixConfig(sock), inet_http_server: null }, new MemoryLog());
    cleanups.push(() => servers.close());
    const { port, served } = fakeServed();
    cleanups.push(() => port.dispose());
    const pending = new RpcClient({ url: `unix://${sock}` }).call('supervisor.getPID');
    setTimeout(() => servers.attach(served), 30);
    assert.equal(await pending, 4242);
  });
});

describe('rpc client', () => {
  it('parses server URLs', T, () => {
    assert.deepEqual(parseServerUrl('unix:///run/tend.sock'), { kind: 'unix', path: '/run/tend.sock' });
    assert.deepEqual(parseServerUrl('http://127.0.0.1:9001'), { kind: 'http', host: '127.0.0.1', port: 9001 });
    assert.deepEqual(parseServerUrl('http://localhost'), { kind: 'http', host: 'localhost', port: 80 });
    assert.deepEqual(parseServerUrl('http://[::1]:9001/'), { kind: 'http', host: '::1', port: 9001 });
    assert.equal(parseServerUrl('https://x'), null);
    assert.equal(parseServerUrl('unix://'), null);
  });

  it('surfaces faults, socket errors and HTTP errors', T, async () => {
    const { sock } = await serve();
    await assert.rejects(new RpcClient({ url: `unix://${sock}` }).call('supervisor.nosuch'), (e: Error) => e instanceof RpcFault && e.code === 1 && e.text === 'UNKNOWN_METHOD');
    await assert.rejects(new RpcClient({ url: `unix://${sock}.missing` }).call('supervisor.getPID'), { code: 'ENOENT' });
    const port = await freePort();
    await assert.rejects(new RpcClient({ url: `http://127.0.0.1:${port}` }).call('supervisor.getPID'), { code: 'ECONNREFUSED' });
  });
});
