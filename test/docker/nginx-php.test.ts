// examples/nginx-php: a supervisord.conf of the kind found in public images, run unchanged by
// tend added to an image in three lines (the README's), with stand-ins for nginx and php-fpm.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildExample, Container, docker, EXAMPLES, indexOf, pid1Cmdline, tendImages, zombies } from './docker';

const CONF = '/etc/supervisor/conf.d/supervisord.conf';
const GET = "fetch('http://127.0.0.1/index.php').then((r) => r.text()).then((t) => process.stdout.write(t))";

describe('examples/nginx-php', { timeout: 240_000 }, () => {
  let c: Container;

  before(async () => {
    const { base } = await tendImages();
    const image = await buildExample(path.join(EXAMPLES, 'nginx-php'), { NODE_IMAGE: base });
    c = await Container.start({
      image,
      name: 'nginx-php',
      deadlineMs: 120_000,
      flags: ['--health-interval=1s', '--health-retries=1'],
    });
  }, { timeout: 200_000 });

  after(async () => {
    await c?.remove();
  });

  it('runs the config unchanged: PID 1 is tend, %(ENV_APP_ENV)s expanded, output raw on stdout/stderr', async () => {
    assert.equal(await pid1Cmdline(c), `node /init.js -c ${CONF}`);
    await c.waitFor(/^\[.*\] NOTICE: ready to handle connections \(APP_ENV=production\)$/, { stream: 'stderr' });
    await c.waitFor(/\[notice\] \d+#0: start worker processes \(port 80\)$/, { stream: 'stderr' });
    await c.waitFor(/INFO success: nginx entered RUNNING state/);
    await c.waitFor(/INFO success: php-fpm entered RUNNING state/);
    // no "Illegal seek" or rotation trouble with /dev/stdout and maxbytes=0
    assert.equal(c.texts().filter((t) => /Illegal seek|CRIT uncaptured/.test(t)).length, 0, c.tail());
  });

  it('nginx answers; its access-log line reaches docker logs unprefixed', async () => {
    const r = await c.exec(['node', '-e', GET]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Welcome to nginx (a stand-in, supervised by tend)\n');
    await c.waitFor(/^127\.0\.0\.1 - - \[.*\] "GET \/index\.php HTTP\/1\.1" 200 \d+$/, { stream: 'stdout' });
  });

  it('ctl -c CONF status talks to the config\'s own socket; the image\'s health check is healthy', async () => {
    const r = await c.exec(['ctl', '-c', CONF, 'status']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^nginx\s+RUNNING\s+pid \d+/m);
    assert.match(r.stdout, /^php-fpm\s+RUNNING\s+pid \d+/m);
    assert.deepEqual(await zombies(c), []);
    await c.waitInspect('{{.State.Health.Status}}', 'healthy', 20_000);
  });

  it('docker stop: nginx gets its stopsignal QUIT first, then php-fpm; exit 0', async () => {
    const t0 = Date.now();
    await docker(['stop', c.name], { timeoutMs: 60_000 });
    const elapsed = Date.now() - t0;
    await c.logEnded();
    assert.equal(await c.inspect('{{.State.ExitCode}}'), '0');
    assert.ok(elapsed < 5_000, `docker stop took ${elapsed} ms`);
    const err = c.texts('stderr');
    const nginx = indexOf(err, /\[notice\] \d+#0: gracefully shutting down$/);
    const fpm = indexOf(err, /NOTICE: Finishing \.\.\.$/);
    assert.ok(nginx >= 0 && fpm >= 0, c.tail());
    const out = c.texts('stdout');
    const ns = indexOf(out, /INFO stopped: nginx \(exit status 0\)/);
    const fs = indexOf(out, /INFO stopped: php-fpm \(exit status 0\)/);
    assert.ok(ns >= 0 && fs > ns, `nginx (priority 10) stops before php-fpm (5):\n${out.join('\n')}`);
  });
});
