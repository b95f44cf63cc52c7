// `docker stop` with programs that ignore SIGTERM: each priority group gets SIGKILL after its
// stopwaitsecs, one group after the other, and tend then exits 0 at once, so the stop takes the
// sum of the groups' stopwaitsecs (what docker-compose.yml and pod.yaml budget for), no more.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Container, docker, FIXTURES, indexOf, lineTime, tendImages } from './docker';

test('programs that ignore SIGTERM are killed after stopwaitsecs, group by group; exit 0', { timeout: 120_000 }, async () => {
  const { tend } = await tendImages();
  const c = await Container.start({
    image: tend,
    name: 'stubborn',
    deadlineMs: 90_000,
    flags: ['-v', `${FIXTURES}:/e2e:ro`],
    args: ['-c', '/e2e/stubborn.conf'],
  });
  try {
    await c.waitFor(/INFO success: high entered RUNNING state/);
    await c.waitFor(/INFO success: low entered RUNNING state/);
    const t0 = Date.now();
    await docker(['stop', '-t', '20', c.name], { timeoutMs: 60_000 });
    const elapsed = Date.now() - t0;
    await c.logEnded();
    assert.equal(await c.inspect('{{.State.ExitCode}}'), '0');
    assert.ok(elapsed >= 2_900 && elapsed < 5_000, `docker stop took ${elapsed} ms; the groups' stopwaitsecs add up to 3 s`);

    const lines = c.texts('stdout');
    const term = indexOf(lines, /WARN received SIGTERM indicating exit request/);
    const at = (re: RegExp): number => indexOf(lines, re, term);
    const highTerm = at(/^high \| high: got SIGTERM, ignoring it$/);
    const highKill = at(/WARN killing 'high' \(\d+\) with SIGKILL/);
    const highStopped = at(/WARN stopped: high \(terminated by SIGKILL\)/);
    const lowTerm = at(/^low  \| low: got SIGTERM, ignoring it$/);
    const lowKill = at(/WARN killing 'low' \(\d+\) with SIGKILL/);
    const lowStopped = at(/WARN stopped: low \(terminated by SIGKILL\)/);
    const seq = [term, highTerm, highKill, highStopped, lowTerm, lowKill, lowStopped];
    assert.ok(seq.every((v, i) => v >= 0 && (i === 0 || v > (seq[i - 1] as number))), `order ${seq}:\n${lines.slice(term).join('\n')}`);
    const gap = (a: number, b: number): number => lineTime(lines[b] as string) - lineTime(lines[a] as string);
    const highWait = gap(term, highKill);
    const lowWait = gap(highStopped, lowKill);
    assert.ok(highWait >= 1_950 && highWait < 2_600, `high killed ${highWait} ms after SIGTERM (stopwaitsecs=2)`);
    assert.ok(lowWait >= 950 && lowWait < 1_600, `low killed ${lowWait} ms after its SIGTERM (stopwaitsecs=1)`);
  } finally {
    await c.remove();
  }
});
