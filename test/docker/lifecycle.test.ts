// tend as PID 1 of a real container, through one container's life: start, ctl, zombies, health,
// SIGHUP reload, then `docker stop`. The steps run in order and share the container
// (fixtures/lifecycle.conf, mounted read-only).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Container, docker, FIXTURES, indexOf, pid1Cmdline, sleep, tendImages, zombies } from './docker';

const NAMES = ['first', 'second', 'third', 'orphans', 'fragile'];

/**
 * After lines[from] (a SIGTERM or SIGHUP): every program stopped by descending priority, each
 * group only after the one before it, and the TERM-trapping ones said they got SIGTERM after
 * the previous group had stopped (so they were signalled one group at a time). A program's own
 * last line is not compared with tend's `stopped:` line for it: tend may handle the exit before
 * its last read of the program's pipe.
 */
function stoppedInOrder(lines: readonly string[], from: number): void {
  const shown = `\n${lines.slice(from).join('\n')}`;
  let last = from;
  for (const name of ['fragile', 'third', 'second', 'first', 'orphans']) {
    const stopped = indexOf(lines, new RegExp(`INFO stopped: ${name} \\(exit status 0\\)`), from);
    assert.ok(stopped > last, `${name} stopped after the group before it (line ${stopped} > ${last})${shown}`);
    if (['first', 'second', 'third'].includes(name)) {
      const saw = indexOf(lines, new RegExp(`^${name}\\s*\\| ${name}: got SIGTERM$`), from);
      assert.ok(saw > last, `${name} got SIGTERM after the group before it stopped (line ${saw} > ${last})${shown}`);
    }
    last = stopped;
  }
}

describe('lifecycle: tend as PID 1 in a container', { timeout: 240_000 }, () => {
  let c: Container;

  before(async () => {
    const { tend } = await tendImages();
    c = await Container.start({
      image: tend,
      name: 'lifecycle',
      deadlineMs: 180_000,
      flags: ['-v', `${FIXTURES}:/e2e:ro`, '--health-interval=1s', '--health-timeout=10s', '--health-retries=1'],
      args: ['-c', '/e2e/lifecycle.conf'],
    });
    await c.waitFor(/^fragile\s+\| fragile: up$/);
  }, { timeout: 200_000 });

  after(async () => {
    await c?.remove();
  });

  it('PID 1 is node running /init.js', async () => {
    assert.equal(await pid1Cmdline(c), 'node /init.js -c /e2e/lifecycle.conf');
  });

  it('docker logs shows each program line with its `name |` prefix, padded to the longest name', async () => {
    for (const name of ['first', 'second', 'third']) await c.waitFor(new RegExp(`^${name}\\s*\\| ${name}: up$`));
    await c.waitFor(/^orphans \| made 20 orphans$/);
    for (const name of NAMES) {
      const line = await c.waitFor(new RegExp(`^${name}\\s*\\| `));
      assert.equal(line.indexOf('|'), 'orphans'.length + 1, `prefix of ${JSON.stringify(line)}`);
      await c.waitFor(new RegExp(`INFO spawned: '${name}' with pid \\d+`));
    }
  });

  it('ctl status: every program RUNNING, exit 0', async () => {
    for (const name of NAMES) await c.waitFor(new RegExp(`INFO success: ${name} entered RUNNING state`));
    const r = await c.exec(['ctl', 'status']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const name of NAMES) assert.match(r.stdout, new RegExp(`^${name}\\s+RUNNING\\s+pid \\d+, uptime`, 'm'));
  });

  it('orphans left by a program are reaped: no zombie in ps', async () => {
    await sleep(1500); // the orphans' sleep 0.5 is over by now
    assert.deepEqual(await zombies(c), []);
    const ps = (await c.exec(['ps', '-o', 'pid,stat,args'])).stdout;
    assert.doesNotMatch(ps, /sleep 0\.5/, ps);
    // and again with orphans made while tend has been running a while
    const r = await c.exec(['ctl', 'restart', 'orphans']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    await c.waitFor(/^orphans \| made 20 orphans$/, { n: 2 });
    await sleep(1500);
    assert.deepEqual(await zombies(c), []);
  });

  it('ctl stop NAME: ctl status exits 3 and shows it STOPPED; ctl start brings it back', async () => {
    let r = await c.exec(['ctl', 'stop', 'second']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^second: stopped$/m);
    await c.waitFor(/^second\s*\| second: got SIGTERM$/);
    r = await c.exec(['ctl', 'status']);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /^second\s+STOPPED\s/m);
    assert.match(r.stdout, /^first\s+RUNNING\s/m);
    r = await c.exec(['ctl', 'start', 'second']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    r = await c.exec(['ctl', 'status']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it('HEALTHCHECK: healthy, unhealthy while a program is FATAL, healthy again', async () => {
    await c.waitInspect('{{.State.Health.Status}}', 'healthy', 20_000);
    let r = await c.exec(['ctl', 'health']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal((r.stdout + r.stderr).trim().split('\n').length, 1, `one line: ${r.stdout}${r.stderr}`);

    // a program stopped on purpose does not make the container unhealthy
    assert.equal((await c.exec(['ctl', 'stop', 'third'])).code, 0);
    r = await c.exec(['ctl', 'health']);
    assert.equal(r.code, 0, `STOPPED is healthy: ${r.stdout}${r.stderr}`);
    assert.equal((await c.exec(['ctl', 'start', 'third'])).code, 0);

    assert.equal((await c.exec(['touch', '/tmp/fragile-fail'])).code, 0);
    await c.exec(['ctl', 'restart', 'fragile']);
    await c.waitFor(/INFO gave up: fragile entered FATAL state/);
    r = await c.exec(['ctl', 'health']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /fragile/);
    assert.equal((r.stdout + r.stderr).trim().split('\n').length, 1, `one line: ${r.stdout}${r.stderr}`);
    await c.waitInspect('{{.State.Health.Status}}', 'unhealthy', 20_000);

    assert.equal((await c.exec(['rm', '/tmp/fragile-fail'])).code, 0);
    r = await c.exec(['ctl', 'start', 'fragile']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    await c.waitInspect('{{.State.Health.Status}}', 'healthy', 20_000);
  });

  it('docker kill -s HUP reloads: every program is stopped and started again, tend stays PID 1', async () => {
    const pidsBefore = (await c.exec(['ctl', 'pid', 'all'])).stdout.trim().split('\n');
    const startedAt = await c.inspect('{{.State.StartedAt}}');
    const count = (re: RegExp): number => c.texts().filter((t) => re.test(t)).length;
    const success = (name: string): RegExp => new RegExp(`INFO success: ${name} entered RUNNING state`);
    const before = new Map(NAMES.map((n) => [n, count(success(n))]));
    await c.exec(['rm', '-f', '/tmp/fragile-fail']);

    assert.equal((await docker(['kill', '-s', 'HUP', c.name])).code, 0);
    await c.waitFor(/WARN received SIGHUP indicating restart request/);
    for (const name of NAMES) await c.waitFor(success(name), { n: (before.get(name) as number) + 1, timeoutMs: 20_000 });

    const lines = c.texts('stdout');
    const hup = indexOf(lines, /WARN received SIGHUP indicating restart request/);
    assert.ok(hup >= 0, c.tail());
    stoppedInOrder(lines, hup);

    const r = await c.exec(['ctl', 'status']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const pidsAfter = (await c.exec(['ctl', 'pid', 'all'])).stdout.trim().split('\n');
    assert.equal(pidsAfter.length, pidsBefore.length);
    for (let i = 0; i < pidsAfter.length; i++) assert.notEqual(pidsAfter[i], pidsBefore[i], `new pids: ${pidsBefore} -> ${pidsAfter}`);
    assert.equal(await c.inspect('{{.State.Running}} {{.RestartCount}}'), 'true 0');
    assert.equal(await c.inspect('{{.State.StartedAt}}'), startedAt);
    assert.equal(await pid1Cmdline(c), 'node /init.js -c /e2e/lifecycle.conf');
  });

  it('docker stop: programs stopped one by one by descending priority, each sees SIGTERM; exit 0 well inside the timeout', async () => {
    const t0 = Date.now();
    const r = await docker(['stop', '-t', '30', c.name], { timeoutMs: 60_000 });
    const elapsed = Date.now() - t0;
    assert.equal(r.code, 0);
    await c.logEnded();
    assert.equal(await c.inspect('{{.State.ExitCode}} {{.State.OOMKilled}}'), '0 false');
    assert.ok(elapsed < 8_000, `docker stop took ${elapsed} ms (timeout 30 s)`);

    const lines = c.texts('stdout');
    const term = indexOf(lines, /WARN received SIGTERM indicating exit request/);
    assert.ok(term >= 0, c.tail());
    stoppedInOrder(lines, term);
  });
});
