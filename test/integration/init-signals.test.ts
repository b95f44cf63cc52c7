// The init's own signals and command line, as PID 1: HUP reloads in place, INT and QUIT shut
// down, USR1 never opens Node's inspector, config errors start nothing, -t checks only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fixtureConf, INIT, makeDir, NODE, startInit } from './harness';

const BASE = fixtureConf('sleeper.conf');

test('SIGHUP stops everything, reads the config again and starts it, same pid', { timeout: 30_000 }, async () => {
  const init = startInit({ config: BASE, deadlineMs: 25_000 });
  try {
    await init.waitFor(/INFO success: a entered RUNNING state/);
    fs.appendFileSync(path.join(init.dir, 'supervisord.conf'), '[program:b]\ncommand=sleep 1000\nstartsecs=0\n');
    init.signal('SIGHUP');
    await init.waitFor(/WARN received SIGHUP indicating restart request/);
    await init.waitFor(/WARN stopped: a \(terminated by SIGTERM\)/);
    await init.waitForNth(/INFO supervisord started with pid 1$/, 2);
    await init.waitForNth(/INFO spawned: 'a' with pid \d+/, 2);
    await init.waitFor(/INFO spawned: 'b' with pid \d+/);
    const main = fs.readFileSync(path.join(init.dir, 'main.log'), 'utf8');
    assert.match(main, /received SIGHUP indicating restart request/, 'the main log file has the lines too');
    const st = init.ctl(['status']);
    assert.match(st.stdout, /^a +RUNNING +pid \d+/m);
    assert.match(st.stdout, /^b +RUNNING +pid \d+/m);
  } finally {
    await init.kill();
  }
});

for (const sig of ['SIGINT', 'SIGQUIT', 'SIGTERM'] as const) {
  test(`${sig} shuts down: programs stopped, socket removed, exit 0`, { timeout: 20_000 }, async () => {
    const init = startInit({ config: BASE, deadlineMs: 15_000 });
    try {
      await init.waitFor(/INFO success: a entered RUNNING state/);
      assert.ok(fs.existsSync(path.join(init.dir, 'tend.sock')));
      init.signal(sig);
      await init.waitFor(new RegExp(`WARN received ${sig} indicating exit request`));
      const exit = await init.exited;
      assert.equal(exit.code, 0);
      assert.ok(init.output.some((l) => /WARN stopped: a \(terminated by SIGTERM\)/.test(l)));
      assert.equal(fs.existsSync(path.join(init.dir, 'tend.sock')), false);
    } finally {
      await init.kill();
    }
  });
}

test('tend exits only after its programs have exited', { timeout: 20_000 }, async () => {
  const config = `${BASE}[program:slow]\ncommand=@BIN@/slow-stop %(here)s/slow-done\nstopwaitsecs=5\n`;
  const init = startInit({ config, deadlineMs: 15_000 });
  try {
    await init.waitFor(/INFO success: slow entered RUNNING state/);
    init.signal('SIGTERM');
    const exit = await init.exited;
    assert.equal(exit.code, 0);
    assert.equal(fs.readFileSync(path.join(init.dir, 'slow-done'), 'utf8'), 'done\n');
    assert.ok(init.output.some((l) => /INFO stopped: slow \(exit status 0\)/.test(l)));
  } finally {
    await init.kill();
  }
});

test('SIGUSR1 does not open the inspector and does not stop tend', { timeout: 20_000 }, async () => {
  const init = startInit({ config: BASE, deadlineMs: 15_000 });
  try {
    await init.waitFor(/INFO success: a entered RUNNING state/);
    init.signal('SIGUSR1');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!init.output.some((l) => /Debugger listening/.test(l)), init.output.join('\n'));
    assert.equal(init.ctl(['status', 'a']).status, 0, 'still running and answering');
  } finally {
    await init.kill();
  }
});

test('a config with errors reports them all with file:line, starts nothing, exits 2', { timeout: 20_000 }, async () => {
  const config = `[supervisord]\nlogfile=/dev/null\n[program:a]\ncommand=sleep 1\nautostart=maybe\n[program:b]\ncommand=sleep 1\nstopsignal=TERMM\n`;
  const init = startInit({ config, deadlineMs: 15_000 });
  try {
    const exit = await init.exited;
    assert.equal(exit.code, 2);
    const conf = path.join(init.dir, 'supervisord.conf');
    const text = init.output.join('\n');
    assert.ok(text.includes(`Error: ${conf}:5: not a valid boolean value: 'maybe' in section 'program:a'`), text);
    assert.ok(text.includes(`Error: ${conf}:8: value 'TERMM' is not a valid signal name in section 'program:b'`), text);
    assert.match(text, /For help, use init\.js -h/);
    assert.ok(!/spawned:/.test(text));
  } finally {
    await init.kill();
  }
});

test('-t checks a config: 0 when valid, 2 with every problem when not', { timeout: 20_000 }, () => {
  const dir = makeDir();
  try {
    const good = path.join(dir, 'good.conf');
    const bad = path.join(dir, 'bad.conf');
    fs.writeFileSync(good, BASE);
    fs.writeFileSync(bad, '[supervisord]\n[program:x]\nautostart=true\n');
    const ok = spawnSync(NODE, [INIT, '-t', '-c', good], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /good\.conf: OK/);
    const no = spawnSync(NODE, [INIT, '-t', '-c', bad], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(no.status, 2);
    assert.match(no.stderr, /bad\.conf:2: program section program:x does not specify a command/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('[supervisord] user= drops tend itself to that user before it opens anything', { timeout: 20_000 }, async () => {
  const open = makeDir();
  fs.chmodSync(open, 0o1777);
  const config = `[supervisord]\nlogfile=/dev/null\nuser=nobody\npidfile=${open}/tend.pid\n` +
    `[unix_http_server]\nfile=${open}/tend.sock\n[program:who]\ncommand=sh -c 'id -u > ${open}/uid; exec sleep 1000'\nstartsecs=0\n`;
  const init = startInit({ config, deadlineMs: 15_000 });
  try {
    await init.waitFor(/INFO Set uid to user 65534 succeeded/);
    await init.waitFor(/success: who entered RUNNING state/);
    const status = fs.readFileSync(`/proc/${init.initPid()}/status`, 'utf8');
    assert.match(status, /^Uid:\s+65534\s+65534\s+65534\s+65534$/m);
    const uidText = (): string => (fs.existsSync(`${open}/uid`) ? fs.readFileSync(`${open}/uid`, 'utf8') : '');
    for (let i = 0; i < 100 && !uidText().endsWith('\n'); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(fs.readFileSync(`${open}/uid`, 'utf8'), '65534\n');
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
  } finally {
    await init.kill();
    fs.rmSync(open, { recursive: true, force: true });
  }
});
