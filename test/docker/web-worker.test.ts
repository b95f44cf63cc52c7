// examples/web-worker in tend's image, as docker-compose.yml and pod.yaml run it (the example's
// directory mounted at /etc/tend, a read-only root with /tmp and /run writable): a one-shot
// setup, a web server and a worker, all on the prefixed console, stopped in reverse priority
// order by `docker stop`.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Container, docker, EXAMPLES, indexOf, pid1Cmdline, tendImages } from './docker';

const GET = "fetch('http://127.0.0.1:8080/').then((r) => r.text()).then((t) => process.stdout.write(t))";

describe('examples/web-worker', { timeout: 180_000 }, () => {
  let c: Container;

  before(async () => {
    const { tend } = await tendImages();
    c = await Container.start({
      image: tend,
      name: 'web-worker',
      deadlineMs: 120_000,
      flags: ['-v', `${path.join(EXAMPLES, 'web-worker')}:/etc/tend:ro`, '--read-only', '--tmpfs', '/tmp', '--tmpfs', '/run',
        '--health-interval=1s', '--health-retries=1'],
      args: ['-c', '/etc/tend/supervisord.conf'],
    });
  }, { timeout: 150_000 });

  after(async () => {
    await c?.remove();
  });

  it('starts setup, web and worker by priority, each line on the console with its prefix', async () => {
    assert.equal(await pid1Cmdline(c), 'node /init.js -c /etc/tend/supervisord.conf');
    await c.waitFor(/^setup  \| wrote \/tmp\/web-worker\/message$/);
    await c.waitFor(/INFO exited: setup \(exit status 0; expected\)/);
    await c.waitFor(/^web    \| listening on port 8080$/);
    await c.waitFor(/^worker \| job 2: working$/, { timeoutMs: 10_000 });
    const lines = c.texts('stdout');
    const spawned = ['setup', 'web', 'worker'].map((n) => indexOf(lines, new RegExp(`INFO spawned: '${n}'`)));
    assert.deepEqual([...spawned].sort((a, b) => a - b), spawned, `spawn order by priority: ${spawned}`);
  });

  it('the web server answers with what setup wrote, and logs the request', async () => {
    const r = await c.exec(['node', '-e', GET]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'hello from the web-worker example\n');
    await c.waitFor(/^web    \| GET \/ 200$/);
  });

  it('ctl status: web and worker RUNNING (exit 0); the finished one-shot makes a full status exit 3', async () => {
    await c.waitFor(/INFO success: worker entered RUNNING state/);
    await c.waitFor(/INFO success: web entered RUNNING state/);
    let r = await c.exec(['ctl', 'status', 'web', 'worker']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    r = await c.exec(['ctl', 'status']);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /^setup\s+EXITED\s/m);
  });

  it('the health check is healthy, the EXITED one-shot notwithstanding', async () => {
    await c.waitInspect('{{.State.Health.Status}}', 'healthy', 20_000);
    const r = await c.exec(['ctl', 'health']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^healthy/);
  });

  it('docker stop: worker, then web, each finishing cleanly; exit 0', async () => {
    const t0 = Date.now();
    await docker(['stop', c.name], { timeoutMs: 60_000 }); // docker's default timeout, 10 s
    const elapsed = Date.now() - t0;
    await c.logEnded();
    assert.equal(await c.inspect('{{.State.ExitCode}}'), '0');
    assert.ok(elapsed < 5_000, `docker stop took ${elapsed} ms`);
    const lines = c.texts('stdout');
    const term = indexOf(lines, /WARN received SIGTERM/);
    const w = indexOf(lines, /^worker \| got SIGTERM, finishing job \d+$/, term);
    const ws = indexOf(lines, /INFO stopped: worker \(exit status 0\)/, term);
    const web = indexOf(lines, /^web    \| got SIGTERM, closing the server$/, term);
    const webs = indexOf(lines, /INFO stopped: web \(exit status 0\)/, term);
    // web is signalled only once worker has stopped (a program's last line may come after
    // tend's `stopped:` line for it, so those two are not compared)
    assert.ok(term >= 0 && w > term && ws > term && web > ws && webs > ws, `order: ${[term, w, ws, web, webs]}\n${lines.slice(term).join('\n')}`);
  });
});
