// Our ctl and the real supervisorctl 4.2.5, each against the real tend HTTP server serving
// the same fake supervisor state: same stdout, same exit status. The only difference
// allowed is supervisorctl's `: file: <python source> line: <n>` tail on error lines.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { FakePort } from '../unit/server/fake-port';
import { fakeServed } from '../unit/server/fake-served';
import { run, startServing, tempDir, unixConfig, type RunResult } from './server-helpers';

const SUPERVISORCTL = '/usr/bin/supervisorctl';
const ROOT = path.resolve(__dirname, '../..');
const CTL = path.join(ROOT, 'src/ctl.ts');
// `--import tsx` from a cwd outside the repo: name the loader by URL
const TSX = pathToFileURL(require.resolve('tsx')).href;
const haveReal = fs.existsSync(SUPERVISORCTL);
const T = { timeout: 60_000, skip: haveReal ? false : 'supervisorctl is not installed' };

let dir = '';
before(() => {
  dir = tempDir('tend-ctl-compat-');
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Setup {
  readonly auth?: { username: string; password: string };
  readonly tweak?: (port: FakePort) => void;
}

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env };
  delete e.SUPERVISOR_SERVER_URL;
  return e;
}

/** Serve a fresh demo state on a fresh socket, run one program against it, tear down. */
async function against(tool: 'real' | 'ours', args: readonly string[], setup: Setup = {}): Promise<RunResult> {
  const sock = path.join(dir, `${tool}-${Math.random().toString(36).slice(2)}.sock`);
  const { port, served } = fakeServed();
  setup.tweak?.(port);
  const servers = await startServing(unixConfig(sock, setup.auth ?? {}), null, served);
  try {
    return await exec(tool, ['-s', `unix://${sock}`, ...args]);
  } finally {
    await servers.close();
    port.dispose();
  }
}

function exec(tool: 'real' | 'ours', argv: readonly string[]): Promise<RunResult> {
  return tool === 'real'
    ? run(SUPERVISORCTL, argv, { cwd: dir, env: env(), timeoutMs: 20_000 })
    : run(process.execPath, ['--import', TSX, CTL, ...argv], { cwd: dir, env: env(), timeoutMs: 20_000 });
}

function normalise(text: string): string {
  return text.replace(/: file: \S+ line: \d+$/gm, '');
}

async function same(args: readonly string[], setup: Setup = {}): Promise<RunResult> {
  const real = await against('real', args, setup);
  const ours = await against('ours', args, setup);
  assert.equal(ours.stderr, '', `ctl ${args.join(' ')} wrote to stderr: ${ours.stderr}`);
  assert.deepEqual({ stdout: ours.stdout, status: ours.status }, { stdout: normalise(real.stdout), status: real.status }, `ctl ${args.join(' ')}`);
  return ours;
}

describe('ctl vs supervisorctl 4.2.5: status', () => {
  it('the table and its exit codes', T, async () => {
    for (const args of [
      ['status'], ['status', 'grp:running'], ['status', 'grp:stopped'], ['status', 'fatal'], ['status', 'backoff'], ['status', 'exits'],
      ['status', 'nosuch'], ['status', 'nog:*'], ['status', 'nosuch', 'grp:stopped'], ['status', 'web:*', 'all'],
    ]) {
      await same(args);
    }
  });

  it('SHUTDOWN_STATE while restarting', T, async () => {
    const r = await same(['status'], { tweak: (p) => void (p.mood = 'RESTARTING') });
    assert.equal(r.status, 1);
  });
});

describe('ctl vs supervisorctl 4.2.5: start / stop / restart / signal', () => {
  it('start', T, async () => {
    for (const args of [
      ['start', 'grp:stopped'], ['start', 'grp:running'], ['start', 'fatal'], ['start', 'notfound'], ['start', 'nosuch'],
      ['start', 'nog:*'], ['start'], ['start', 'all'], ['start', 'grp:*'], ['start', 'grp:stopped', 'fatal', 'nosuch'],
    ]) {
      await same(args);
    }
  });

  it('stop', T, async () => {
    for (const args of [['stop', 'grp:running'], ['stop', 'grp:stopped'], ['stop', 'nosuch'], ['stop', 'nog:*'], ['stop', 'web:*'], ['stop', 'all'], ['stop']]) {
      await same(args);
    }
  });

  it('restart', T, async () => {
    for (const args of [['restart', 'web:*'], ['restart', 'grp:running'], ['restart', 'all'], ['restart']]) await same(args);
  });

  it('signal', T, async () => {
    for (const args of [
      ['signal', 'HUP', 'grp:running'], ['signal', 'BADSIG', 'web:web_00'], ['signal', 'HUP', 'grp:stopped'], ['signal', 'HUP', 'nosuch'],
      ['signal', 'HUP', 'nog:*'], ['signal', 'USR1', 'all'], ['signal', '9', 'web:*'], ['signal', 'HUP'],
    ]) {
      await same(args);
    }
  });
});

describe('ctl vs supervisorctl 4.2.5: pid, version, shutdown, reload, syntax', () => {
  it('pid and version', T, async () => {
    for (const args of [['pid'], ['pid', 'grp:running'], ['pid', 'grp:stopped'], ['pid', 'nosuch'], ['pid', 'all'], ['version'], ['version', 'x']]) {
      await same(args);
    }
  });

  it('shutdown and reload', T, async () => {
    for (const args of [['shutdown'], ['reload'], ['shutdown', 'now'], ['reload', 'x']]) await same(args);
    await same(['shutdown'], { tweak: (p) => void (p.mood = 'SHUTDOWN') });
    await same(['reload'], { tweak: (p) => void (p.mood = 'SHUTDOWN') });
  });

  it('unknown syntax and per-command help', T, async () => {
    for (const args of [['frob', 'a', 'b'], ['help', 'status'], ['help', 'start'], ['help', 'stop'], ['help', 'restart'], ['help', 'signal'], ['help', 'pid'], ['help', 'version'], ['help', 'shutdown'], ['help', 'reload'], ['help', 'help'], ['help', 'frob']]) {
      await same(args);
    }
  });
});

describe('ctl vs supervisorctl 4.2.5: no server, auth', () => {
  async function both(argv: readonly string[]): Promise<void> {
    const real = await exec('real', argv);
    const ours = await exec('ours', argv);
    assert.deepEqual({ stdout: ours.stdout, status: ours.status }, { stdout: normalise(real.stdout), status: real.status }, argv.join(' '));
  }

  it('a socket file that is missing', T, async () => {
    const url = `unix://${path.join(dir, 'missing.sock')}`;
    for (const cmd of [['status'], ['start', 'x'], ['stop', 'x'], ['pid'], ['version'], ['signal', 'HUP', 'x'], ['restart', 'x'], ['shutdown'], ['reload']]) {
      await both(['-s', url, ...cmd]);
    }
  });

  it('a socket nobody listens on (refused)', T, async () => {
    const file = path.join(dir, 'stale.sock');
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(path.join(dir, 'stale-tmp.sock'), r));
    fs.linkSync(path.join(dir, 'stale-tmp.sock'), file);
    await new Promise<void>((r) => srv.close(() => r()));
    const url = `unix://${file}`;
    for (const cmd of [['status'], ['start', 'x'], ['pid'], ['version'], ['shutdown']]) await both(['-s', url, ...cmd]);
  });

  it('username and password', T, async () => {
    const auth = { username: 'admin', password: '{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d' };
    await same(['-u', 'admin', '-p', 'thepassword', 'status'], { auth });
    await same(['-u', 'admin', '-p', 'thepassword', 'stop', 'web:*'], { auth });
    const denied = await same(['status'], { auth });
    assert.match(denied.stdout, /^Server requires authentication\n/);
    await same(['-u', 'admin', '-p', 'wrong', 'start', 'grp:stopped'], { auth });
  });
});
