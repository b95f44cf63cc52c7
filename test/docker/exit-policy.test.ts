// The lifecycle in a real engine: a shutdown_timeout that fits `docker stop -t 3` ends a stop
// that stopwaitsecs alone would stretch to 30 s, with exit code 0; a program whose
// shutdown_on=unexpected crashes ends the container with its own code (README: exit codes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Container, docker, FIXTURES, tendImages } from './docker';

test('docker stop -t 3: shutdown_timeout=2 SIGKILLs a TERM-ignoring program in time; exit code 0', { timeout: 120_000 }, async () => {
  const { tend } = await tendImages();
  const c = await Container.start({
    image: tend, name: 'deadline', deadlineMs: 90_000, flags: ['-v', `${FIXTURES}:/e2e:ro`], args: ['-c', '/e2e/deadline.conf'],
  });
  try {
    await c.waitFor(/INFO success: stubborn entered RUNNING state/);
    await c.waitFor(/INFO success: web entered RUNNING state/);
    const t0 = Date.now();
    await docker(['stop', '-t', '3', c.name], { timeoutMs: 60_000 });
    const elapsed = Date.now() - t0;
    await c.logEnded();
    assert.equal(await c.inspect('{{.State.ExitCode}}'), '0', c.tail());
    assert.ok(elapsed >= 1_900 && elapsed < 2_900, `docker stop took ${elapsed} ms; shutdown_timeout=2 (docker's own SIGKILL comes at 3 s)`);
    await c.waitFor(/WARN shutdown_timeout \(2 s\) ran out: killing stubborn \(STOPPING\)/, { timeoutMs: 1000 });
    await c.waitFor(/WARN stopped: stubborn \(terminated by SIGKILL\)/, { timeoutMs: 1000 });
    // web's group had not been reached: the deadline stops and SIGKILLs it with everything else
    // (its trap may still win the race to exit 0 in the millisecond between the two signals)
    await c.waitFor(/WARN killing 'web' \(\d+\) with SIGKILL/, { timeoutMs: 1000 });
    await c.waitFor(/stopped: web \((terminated by SIGKILL|exit status 0)\)/, { timeoutMs: 1000 });
    await c.waitFor(/INFO stopped group stubborn in 20\d\d ms/, { timeoutMs: 1000 });
  } finally {
    await c.remove();
  }
});

test('shutdown_on=unexpected: a crash ends the container with the program\'s code, the others stopped in order', { timeout: 120_000 }, async () => {
  const { tend } = await tendImages();
  const c = await Container.start({
    image: tend, name: 'crash', deadlineMs: 90_000, flags: ['-v', `${FIXTURES}:/e2e:ro`], args: ['-c', '/e2e/crash-policy.conf'],
  });
  try {
    assert.equal(await c.waitExit(30_000), 42, c.tail());
    await c.logEnded();
    await c.waitFor(/INFO shutting down: app exited \(exit status 42; not expected\) and its shutdown_on is unexpected; tend will exit with code 42/, { timeoutMs: 1000 });
    await c.waitFor(/^web +\| web: got SIGTERM$/, { timeoutMs: 1000 });
    await c.waitFor(/INFO stopped: web \(exit status 0\)/, { timeoutMs: 1000 });
  } finally {
    await c.remove();
  }
});
