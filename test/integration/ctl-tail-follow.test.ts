// `tail -f` and `maintail -f` (spec §7.2): ctl follows /logtail and /mainlogtail of a real
// server (temp unix socket, fake supervisor) until Ctrl-C or until the server goes away.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { CtlContext } from '../../src/ctl/context';
import { runLine } from '../../src/ctl/controller';
import { runCtl } from '../../src/ctl/main';
import { RpcClient } from '../../src/protocol/client';
import type { RunningServers } from '../../src/server/http/server';
import { FakeLog } from '../unit/server/fake-logs';
import { fakeServed, type FakeServed } from '../unit/server/fake-served';
import { startServing, tempDir, unixConfig } from './server-helpers';

const T = { timeout: 10_000 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(): Promise<FakeServed & { url: string; servers: RunningServers }> {
  const dir = tempDir('tend-ctl-tail-');
  const sock = path.join(dir, 'sv.sock');
  const f = fakeServed();
  const servers = await startServing(unixConfig(sock), null, f.served);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => f.port.dispose(), () => servers.close());
  return { ...f, url: `unix://${sock}`, servers };
}

/** one ctl command with its streams captured; ctrlC() is the user's Ctrl-C */
function follow(url: string, line: string): {
  done: Promise<{ out: string[]; code: number }>; raw: () => string; err: string[]; ctrlC: () => void; until: (text: string) => Promise<void>;
} {
  const out: string[] = [];
  const err: string[] = [];
  const bytes: Buffer[] = [];
  const ac = new AbortController();
  const raw = (): string => Buffer.concat(bytes).toString('utf8');
  const ctx = new CtlContext(url, new RpcClient({ url }), (l) => out.push(l), {
    raw: (b) => bytes.push(Buffer.from(b)),
    interrupt: () => ({ signal: ac.signal, done: () => undefined }),
    err: (l) => err.push(l),
  });
  const done = runLine(ctx, line).then(() => ({ out, code: ctx.exitstatus }));
  const until = async (text: string): Promise<void> => {
    const deadline = Date.now() + 3000;
    while (!raw().endsWith(text)) {
      if (Date.now() > deadline) throw new Error(`not seen: ${JSON.stringify(text)}; got ${JSON.stringify(raw())}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  cleanups.push(() => ac.abort());
  return { done, raw, err, ctrlC: () => ac.abort(), until };
}

describe('ctl tail -f, maintail -f', () => {
  it('tail -f: the last 1024 bytes, then new output, until Ctrl-C (then an empty line), exit 0', T, async () => {
    const { url, logs } = await serve();
    const log = new FakeLog('/logs/running.out', `${'a'.repeat(100)}${'b'.repeat(1024)}`);
    logs.set('running', 'stdout', log);
    const f = follow(url, 'tail -f grp:running');
    await f.until('b'.repeat(1024));
    assert.equal(f.raw(), 'b'.repeat(1024));
    log.append('later\n');
    await f.until('later\n');
    f.ctrlC();
    assert.deepEqual(await f.done, { out: ['==> Press Ctrl-C to exit <==', ''], code: 0 });
    assert.deepEqual(f.err, []);
  });

  it('tail -f name stderr, and maintail -f', T, async () => {
    const { url, logs, main } = await serve();
    logs.set('running', 'stderr', new FakeLog('/logs/running.err', 'oops\n'));
    const e = follow(url, 'tail -f grp:running STDERR');
    await e.until('oops\n');
    e.ctrlC();
    assert.equal((await e.done).code, 0);
    main.log!.append('2026-11-26 14:19:01,800 INFO supervisord started with pid 1\n');
    const m = follow(url, 'maintail -f');
    await m.until('started with pid 1\n');
    m.ctrlC();
    assert.deepEqual(await m.done, { out: ['==> Press Ctrl-C to exit <==', ''], code: 0 });
  });

  it('ends by itself, exit 0, when the server goes away', T, async () => {
    const { url, logs, servers } = await serve();
    logs.set('running', 'stdout', new FakeLog('/logs/running.out', 'x\n'));
    const f = follow(url, 'tail -f grp:running');
    await f.until('x\n');
    await servers.close();
    assert.deepEqual(await f.done, { out: ['==> Press Ctrl-C to exit <=='], code: 0 });
  });

  it('no log: supervisorctl\'s listener error on stderr, exit status unchanged', T, async () => {
    const { url } = await serve();
    const f = follow(url, 'tail -f grp:stopped');
    assert.deepEqual(await f.done, { out: ['==> Press Ctrl-C to exit <=='], code: 0 });
    assert.deepEqual(f.err, [`${url}/logtail/grp:stopped/stdout Cannot read, status code 404`]);
    const n = follow(url, 'tail -f nosuch stderr');
    await n.done;
    assert.deepEqual(n.err, [`${url}/logtail/nosuch/stderr Cannot read, status code 404`]);
  });

  it('runCtl wires -f to stdout bytes, Ctrl-C and stderr', T, async () => {
    const { url, main } = await serve();
    main.log = null;
    let out = '';
    let err = '';
    const code = await runCtl({
      argv: ['-s', url, 'maintail', '-f'], argv0: '/usr/bin/tendctl', env: {},
      stdout: (t) => (out += t), stderr: (t) => (err += t),
      loadConfig: () => ({ ok: false, errors: ['no config'] }), findConfig: () => null,
      raw: (b) => (out += Buffer.from(b).toString()), interrupt: () => ({ signal: new AbortController().signal, done: () => undefined }),
    });
    assert.deepEqual({ code, out, err }, { code: 0, out: '==> Press Ctrl-C to exit <==\n', err: `${url}/mainlogtail Cannot read, status code 404\n` });
  });
});
