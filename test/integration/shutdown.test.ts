// As PID 1: SIGTERM stops groups one at a time in descending priority and exits 0.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fixtureConf, startInit } from './harness';

// on TERM each notes its name in ./order, lingers a little and exits 0.
// startsecs=1 everywhere: RUNNING then means the shell has had time to install its trap.
const program = (name: string, priority: number): string =>
  `[program:${name}]\ncommand=@BIN@/note-term ${name} %(here)s/order 0.3\npriority=${priority}\nstartsecs=1\n`;

const CONFIG = `${fixtureConf('info.conf')}
${program('first', 10)}
${program('middle', 20)}
${program('last', 30)}
${program('p1', 1)}
${program('p2', 2)}
[group:grp]
programs=p1,p2
priority=25
`;

test('SIGTERM: groups stop one at a time in descending priority', { timeout: 30_000 }, async () => {
  const init = startInit({ config: CONFIG, deadlineMs: 25_000 });
  try {
    for (const name of ['first', 'middle', 'last', 'p1', 'p2']) await init.waitFor(new RegExp(`success: ${name} entered RUNNING`));
    init.signal('SIGTERM');
    await init.waitFor(/WARN received SIGTERM indicating exit request/);
    await init.waitFor(/INFO waiting for .* to die/);
    assert.equal((await init.exited).code, 0);
    const order = fs.readFileSync(path.join(init.dir, 'order'), 'utf8').trim().split('\n');
    assert.equal(order.length, 5, `order: ${order.join(", ")}`);
    assert.equal(order[0], 'last');
    assert.deepEqual(order.slice(1, 3).sort(), ['p1', 'p2'], 'the group [grp] (priority 25) stops as one step');
    assert.deepEqual(order.slice(3), ['middle', 'first']);
    for (const name of order) assert.ok(init.output.some((l) => l.includes(`INFO stopped: ${name} (exit status 0)`)), name);
  } finally {
    await init.kill();
  }
});
