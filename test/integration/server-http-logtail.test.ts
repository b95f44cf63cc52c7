// The HTTP tail streams of §6.7 on a real server (temp unix socket) over the fake supervisor:
// headers, the last-1024-bytes start, following, truncation, rotation, 404/400/401, and that
// polling stops when the client leaves or the server closes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { MemoryTail } from '../../src/logging/memory-tail';
import { TAIL_POLL_MS } from '../../src/server/http/logtail';
import type { RunningServers } from '../../src/server/http/server';
import { FakeLog } from '../unit/server/fake-logs';
import { fakeServed, type FakeServed } from '../unit/server/fake-served';
import { request, startServing, tempDir, unixConfig } from './server-helpers';

const T = { timeout: 10_000 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(extra: Parameters<typeof unixConfig>[1] = {}): Promise<FakeServed & { sock: string; servers: RunningServers }> {
  const dir = tempDir();
  const sock = path.join(dir, 'sv.sock');
  const f = fakeServed();
  const servers = await startServing(unixConfig(sock, extra), null, f.served);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => f.port.dispose(), () => servers.close());
  return { ...f, sock, servers };
}

interface Tail {
  readonly res: http.IncomingMessage;
  text(): string;
  /** resolves once the body so far satisfies ok (rejects after ms) */
  until(ok: (text: string) => boolean, ms?: number): Promise<string>;
  ended: Promise<void>;
  close(): void;
}

function openTail(sock: string, urlPath: string, headers: http.OutgoingHttpHeaders = {}): Promise<Tail> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: sock, path: urlPath, method: 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let waiters: (() => void)[] = [];
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        for (const w of waiters) w();
      });
      const ended = new Promise<void>((r) => res.on('close', () => r()));
      const text = (): string => Buffer.concat(chunks).toString('utf8');
      const until = (ok: (t: string) => boolean, ms = 3000): Promise<string> =>
        new Promise((res2, rej) => {
          const check = (): void => {
            if (!ok(text())) return;
            clearTimeout(timer);
            waiters = waiters.filter((w) => w !== check);
            res2(text());
          };
          const timer = setTimeout(() => rej(new Error(`tail: not seen in ${ms} ms; got ${JSON.stringify(text())}`)), ms);
          waiters.push(check);
          check();
        });
      resolve({ res, text, until, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('GET /logtail', () => {
  it('answers with the headers, then the last 1024 bytes, then what is appended', T, async () => {
    const { sock, logs } = await serve();
    const log = new FakeLog('/logs/running.out', `${'a'.repeat(976)}${'b'.repeat(1024)}`);
    logs.set('running', 'stdout', log);
    const t = await openTail(sock, '/logtail/grp:running');
    cleanups.push(() => t.close());
    assert.equal(t.res.statusCode, 200);
    assert.equal(t.res.headers['content-type'], 'text/plain;charset=utf-8');
    assert.equal(t.res.headers['x-accel-buffering'], 'no');
    assert.equal(t.res.headers['transfer-encoding'], 'chunked');
    assert.equal(t.res.headers.server, 'Medusa/1.12');
    assert.ok(typeof t.res.headers['last-modified'] === 'string');
    assert.equal(await t.until((s) => s.length >= 1024), 'b'.repeat(1024));
    log.append('new line\n');
    assert.equal(await t.until((s) => s.endsWith('new line\n')), `${'b'.repeat(1024)}new line\n`);
  });

  it('sends a small log whole; follows truncation and replacement from the start', T, async () => {
    const { sock, logs } = await serve();
    const log = new FakeLog('/logs/running.err', 'one\ntwo\n');
    logs.set('running', 'stderr', log);
    const t = await openTail(sock, '/logtail/grp%3Arunning/stderr');
    cleanups.push(() => t.close());
    await t.until((s) => s === 'one\ntwo\n');
    log.data = Buffer.from('x\n'); // shrunk, same file
    await t.until((s) => s === 'one\ntwo\n==> File truncated <==\nx\n');
    log.rotate('rotated\n'); // a new file, longer than what was sent
    await t.until((s) => s.endsWith('==> File truncated <==\nx\nrotated\n'));
  });

  it('a process named like its group; a memory tail that dropped bytes sends only the newest, once', T, async () => {
    const { sock, logs } = await serve();
    const mem = new MemoryTail(16);
    mem.append(Buffer.from('0123456789'));
    logs.set('exits', 'stdout', mem);
    const t = await openTail(sock, '/logtail/exits/stdout');
    cleanups.push(() => t.close());
    await t.until((s) => s === '0123456789');
    mem.append(Buffer.from('abcdefghijklmnopqrstuvwxyz'));
    await t.until((s) => s === '0123456789klmnopqrstuvwxyz');
    mem.append(Buffer.from('!'));
    await t.until((s) => s === '0123456789klmnopqrstuvwxyz!');
  });

  it('404 for an unknown name, a group, a bad channel, no log, a missing file; 400 for non-GET', T, async () => {
    const { sock, logs } = await serve();
    const log = new FakeLog('/logs/running.out', 'x');
    logs.set('running', 'stdout', log);
    const get = async (p: string, method = 'GET'): Promise<number> => (await request({ socketPath: sock }, { method, path: p })).status;
    assert.equal(await get('/logtail/nosuch'), 404);
    assert.equal(await get('/logtail/grp:nosuch'), 404);
    assert.equal(await get('/logtail/grp:*'), 404);
    assert.equal(await get('/logtail/grp:running/stdin'), 404);
    assert.equal(await get('/logtail/grp:running/stdout/x'), 404);
    assert.equal(await get('/logtail/grp:stopped'), 404, 'no log kept');
    assert.equal(await get('/logtail'), 404);
    assert.equal(await get('/logtail/'), 404);
    log.missing = true;
    assert.equal(await get('/logtail/grp:running'), 404, 'file not there (yet)');
    const r = await request({ socketPath: sock }, { method: 'POST', path: '/logtail/grp:running', body: 'x' });
    assert.equal(r.status, 400);
    assert.match(r.body, /Error code 400/);
    assert.equal(await get('/mainlogtail', 'POST'), 400);
  });

  it('stops polling when the client goes away', T, async () => {
    const { sock, logs } = await serve();
    const log = new FakeLog('/logs/running.out', 'x\n');
    logs.set('running', 'stdout', log);
    const t = await openTail(sock, '/logtail/grp:running');
    await t.until((s) => s === 'x\n');
    await sleep(3 * TAIL_POLL_MS);
    assert.ok(log.sizeCalls >= 3, `polled ${log.sizeCalls} times`);
    t.close();
    await sleep(TAIL_POLL_MS);
    const calls = log.sizeCalls;
    await sleep(3 * TAIL_POLL_MS);
    assert.equal(log.sizeCalls, calls, 'no polling after the client left');
  });
});

describe('GET /mainlogtail, auth, close', () => {
  it('streams the main log without X-Accel-Buffering; 404 without one', T, async () => {
    const { sock, main: mainLog } = await serve();
    const main = mainLog.log!;
    main.append('2026-11-26 14:19:01,797 INFO started\n');
    const t = await openTail(sock, '/mainlogtail');
    cleanups.push(() => t.close());
    assert.equal(t.res.statusCode, 200);
    assert.equal(t.res.headers['x-accel-buffering'], undefined);
    assert.equal(t.res.headers['content-type'], 'text/plain;charset=utf-8');
    await t.until((s) => s === '2026-11-26 14:19:01,797 INFO started\n');
    main.append('more\n');
    await t.until((s) => s.endsWith('started\nmore\n'));
    mainLog.log = null;
    assert.equal((await request({ socketPath: sock }, { method: 'GET', path: '/mainlogtail' })).status, 404);
  });

  it('asks for credentials when the server has a username', T, async () => {
    const { sock, logs } = await serve({ username: 'admin', password: 'pw' });
    logs.set('running', 'stdout', new FakeLog('/logs/running.out', 'secret\n'));
    const denied = await request({ socketPath: sock }, { method: 'GET', path: '/logtail/grp:running' });
    assert.equal(denied.status, 401);
    assert.equal(denied.headers['www-authenticate'], 'Basic realm="default"');
    assert.equal((await request({ socketPath: sock }, { method: 'GET', path: '/mainlogtail' })).status, 401);
    const auth = `Basic ${Buffer.from('admin:pw').toString('base64')}`;
    const t = await openTail(sock, '/logtail/grp:running', { Authorization: auth });
    cleanups.push(() => t.close());
    await t.until((s) => s === 'secret\n');
  });

  it('close() sends what is new, ends open tails at once, and their polling stops', T, async () => {
    const { sock, logs, servers } = await serve();
    const log = new FakeLog('/logs/running.out', 'x\n');
    logs.set('running', 'stdout', log);
    logs.set('running', 'stderr', new FakeLog('/logs/running.err', ''));
    const a = await openTail(sock, '/logtail/grp:running');
    const b = await openTail(sock, '/logtail/grp:running/stderr');
    const c = await openTail(sock, '/mainlogtail');
    await a.until((s) => s === 'x\n');
    log.append('last words\n'); // e.g. the shutdown's own lines: sent before the end
    const started = Date.now();
    await servers.close();
    assert.ok(Date.now() - started < 1000, `close took ${Date.now() - started} ms`);
    await Promise.all([a.ended, b.ended, c.ended]);
    assert.equal(a.res.complete, true, 'ended cleanly (last chunk sent)');
    assert.equal(a.text(), 'x\nlast words\n');
    const calls = log.sizeCalls;
    await sleep(3 * TAIL_POLL_MS);
    assert.equal(log.sizeCalls, calls, 'no polling after close');
    assert.equal(fs.existsSync(sock), false);
  });
});
