// Thousands of bad XML-RPC requests (random bytes, mutated calls, wrong types, deep nesting,
// huge bodies, unknown methods, slow clients) against a running tend: every one gets an HTTP
// answer (a fault or a 4xx), tend never falls over, and it still answers ctl afterwards.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { test } from 'node:test';
import { startInit } from './harness';

const VALID = [
  "<?xml version='1.0'?><methodCall><methodName>supervisor.getState</methodName><params></params></methodCall>",
  '<?xml version="1.0"?><methodCall><methodName>supervisor.startProcess</methodName><params><param><value><string>sleeper</string></value></param><param><value><boolean>1</boolean></value></param></params></methodCall>',
  '<?xml version="1.0"?><methodCall><methodName>system.multicall</methodName><params><param><value><array><data><value><struct><member><name>methodName</name><value><string>supervisor.getPID</string></value></member><member><name>params</name><value><array><data></data></array></value></member></struct></value></data></array></value></param></params></methodCall>',
  '<?xml version="1.0"?><methodCall><methodName>supervisor.readProcessStdoutLog</methodName><params><param><value><string>sleeper</string></value></param><param><value><int>-100</int></value></param><param><value><int>0</int></value></param></params></methodCall>',
];

/** a small deterministic PRNG, so a failure can be replayed */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(text: string, r: () => number): string {
  let t = text;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * t.length);
    switch (Math.floor(r() * 6)) {
      case 0: t = t.slice(0, at); break; // truncate
      case 1: t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 20)); break; // delete
      case 2: t = t.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + t.slice(at); break; // insert
      case 3: t = t.replace('<string>', '<int>').replace('</string>', '</int>'); break; // wrong type
      case 4: t = t.replace(/<value>/, '<value><array><data><value>').replace(/<\/value>/, '</value></data></array></value>'); break;
      default: t = t.slice(0, at) + t.slice(at, at + 30).repeat(3) + t.slice(at + 30); break; // duplicate
    }
  }
  return t;
}

function deep(depth: number): string {
  return `<?xml version="1.0"?><methodCall><methodName>supervisor.getState</methodName><params><param>${'<value><array><data>'.repeat(depth)}${'</data></array></value>'.repeat(depth)}</param></params></methodCall>`;
}

function post(socketPath: string, body: string | Buffer, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/RPC2', method: 'POST', agent, headers: { 'Content-Type': 'text/xml' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

test('fuzzed XML-RPC requests: every one answered, tend alive and answering afterwards', { timeout: 120_000 }, async () => {
  const init = startInit({
    config: `[supervisord]\nlogfile=/dev/null\n[unix_http_server]\nfile=%(here)s/tend.sock\n[supervisorctl]\nserverurl=unix://%(here)s/tend.sock\n` +
      "[program:sleeper]\ncommand=sleep 1000\nstartsecs=0\nstdout_logfile=NONE\n",
    deadlineMs: 110_000,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  try {
    await init.waitFor(/success: sleeper entered RUNNING/);
    const sock = path.join(init.dir, 'tend.sock');
    const r = rng(Number(process.env.TEND_FUZZ_SEED ?? 12345));
    const statuses = new Map<number, number>();
    const count = (s: number): void => { statuses.set(s, (statuses.get(s) ?? 0) + 1); };
    const end = Date.now() + 40_000;
    let sent = 0;
    for (; sent < 3000 && Date.now() < end; sent++) {
      const kind = r();
      let body: string | Buffer;
      if (kind < 0.15) body = Buffer.from(Array.from({ length: Math.floor(r() * 400) }, () => Math.floor(r() * 256)));
      else if (kind < 0.9) body = mutate(VALID[Math.floor(r() * VALID.length)] as string, r);
      else if (kind < 0.95) body = `<?xml version="1.0"?><methodCall><methodName>nosuch.${sent}</methodName></methodCall>`;
      else body = VALID[Math.floor(r() * VALID.length)] as string;
      const st = await post(sock, body, agent);
      if (st >= 500) process.stderr.write(`HTTP ${st} for: ${JSON.stringify(body.toString())}\n`);
      count(st);
    }
    for (const d of [1000, 100_000]) count(await post(sock, deep(d), agent));
    count(await post(sock, Buffer.alloc(20 * 1024 * 1024, 0x41), agent)); // over the body limit
    // a slow client holding a connection open does not block others
    const slow = net.createConnection(sock);
    slow.write('POST /RPC2 HTTP/1.1\r\nContent-Length: 100\r\n\r\n<?xml');
    count(await post(sock, VALID[0] as string, agent));
    slow.destroy();
    for (const s of statuses.keys()) assert.ok(s === 200 || (s >= 400 && s < 500), `HTTP ${s} answered`);
    assert.ok(sent >= 1000, `only ${sent} requests in the time`);
    const st = init.ctl(['status']);
    assert.match(st.stdout, /sleeper\s+RUNNING/);
    assert.equal(st.status, 0);
    init.signal('SIGTERM');
    assert.equal((await init.exited).code, 0);
  } finally {
    agent.destroy();
    await init.kill();
  }
});
