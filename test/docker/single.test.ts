// Single-program mode in a container (examples/single): tend is PID 1 for one command, as tini
// is. The container's exit code is the command's (128+n when signal n killed it), `docker stop`
// reaches the command, and orphans are reaped (with a negative control: the same program as
// PID 1 itself leaves zombies, so the check can fail).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildExample, Container, docker, EXAMPLES, pid1Cmdline, sleep, zombies } from './docker';

/** a Node program that leaves 5 orphans, then reports how many zombies ps shows */
const ORPHANS_JS = `
const { execSync } = require('node:child_process');
execSync('for i in 1 2 3 4 5; do sh -c "sleep 0.2 &"; done');
setTimeout(() => {
  const z = execSync('ps -o stat').toString().split('\\n').filter((l) => l.startsWith('Z')).length;
  console.log('zombies: ' + z);
}, 1500);
`;

describe('single-program mode (examples/single)', { timeout: 240_000 }, () => {
  let image: string;
  const started: Container[] = [];
  const start = async (name: string, args?: readonly string[], flags?: readonly string[]): Promise<Container> => {
    const c = await Container.start({ image, name, args, flags, deadlineMs: 60_000 });
    started.push(c);
    return c;
  };
  /** run to the end; the container's exit code and its log */
  const exitOf = async (args: readonly string[], flags?: readonly string[]): Promise<{ code: number; c: Container }> => {
    const c = await start('single', args, flags);
    const code = await c.waitExit(30_000);
    await c.logEnded();
    await c.remove();
    return { code, c };
  };

  before(async () => {
    image = await buildExample(path.join(EXAMPLES, 'single'), {});
  }, { timeout: 200_000 });

  after(async () => {
    for (const c of started) await c.remove();
  });

  it('runs app.sh as the only program; docker stop reaches it and the container exits 0, quickly', async () => {
    const c = await start('single-app');
    await c.waitFor(/^app: started, pid \d+$/);
    assert.equal(await pid1Cmdline(c), 'node /init.js -- /app.sh');
    assert.equal(await c.inspect('{{.Config.Healthcheck.Test}}'), '[NONE]');
    await sleep(2000); // app.sh leaves an orphan every second
    assert.deepEqual(await zombies(c), []);
    // no control socket in this mode, hence HEALTHCHECK NONE: ctl health fails, in one line
    const h = await c.exec(['ctl', 'health']);
    assert.notEqual(h.code, 0, h.stdout + h.stderr);
    assert.equal((h.stdout + h.stderr).trim().split('\n').length, 1, h.stdout + h.stderr);
    const t0 = Date.now();
    await docker(['stop', '-t', '30', c.name], { timeoutMs: 60_000 });
    const elapsed = Date.now() - t0;
    await c.logEnded();
    assert.ok(c.texts('stdout').includes('app: got SIGTERM, cleaning up'), c.tail());
    assert.equal(await c.inspect('{{.State.ExitCode}}'), '0');
    assert.ok(elapsed < 5_000, `docker stop took ${elapsed} ms`);
  });

  it('the container exits with the program\'s exit code', async () => {
    const app = await exitOf(['/app.sh', '7']);
    assert.equal(app.code, 7, app.c.tail());
    assert.ok(app.c.texts('stdout').includes('app: done, exiting 7'), app.c.tail());
    for (const n of [0, 3, 255]) assert.equal((await exitOf(['sh', '-c', `exit ${n}`])).code, n);
  });

  it('a program killed by a signal gives 128+n: SIGKILL 137, SIGTERM 143', async () => {
    assert.equal((await exitOf(['sh', '-c', 'kill -KILL $$'])).code, 137);
    assert.equal((await exitOf(['sh', '-c', 'kill -TERM $$'])).code, 143);
    // docker stop: tend forwards SIGTERM, sleep dies of it
    const c = await start('single-sleep', ['sleep', '1000']);
    await sleep(300);
    await docker(['stop', '-t', '30', c.name], { timeoutMs: 60_000 });
    assert.equal(await c.inspect('{{.State.ExitCode}}'), '143');
  });

  it('a command that does not exist gives 127', async () => {
    const r = await exitOf(['/no/such/command']);
    assert.equal(r.code, 127);
    assert.match(r.c.texts('stderr').join('\n'), /tend: .*\/no\/such\/command/);
  });

  it('orphans are reaped under tend; the same program as PID 1 itself leaves zombies (negative control)', async () => {
    const under = await exitOf(['node', '-e', ORPHANS_JS]);
    assert.equal(under.code, 0, under.c.tail());
    assert.ok(under.c.texts('stdout').includes('zombies: 0'), under.c.tail());
    const bare = await exitOf(['-e', ORPHANS_JS], ['--entrypoint', 'node']);
    assert.equal(bare.code, 0, bare.c.tail());
    assert.ok(bare.c.texts('stdout').includes('zombies: 5'), `node as PID 1 reaps nothing:\n${bare.c.tail()}`);
  });
});
