// ctl health and EXITED processes: an exit code outside exitcodes is a failure, an expected
// exit is not. Against the real dispatcher over the fake port.
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { CtlContext, type Caller } from '../../../src/ctl/context';
import { commandTable, runLine } from '../../../src/ctl/controller';
import { createDispatcher } from '../../../src/server/methods/dispatcher';
import { servedMethods } from '../../../src/server/methods/served';
import { fakeServed } from '../server/fake-served';
import { FakePort, type FakeGroupSpec } from '../server/fake-port';

let ports: FakePort[] = [];
afterEach(() => {
  for (const p of ports) p.dispose();
  ports = [];
});

async function health(groups: FakeGroupSpec[]): Promise<{ out: string[]; code: number }> {
  const p = new FakePort(groups);
  ports.push(p);
  const d = createDispatcher(servedMethods(fakeServed(p).served));
  const caller: Caller = { call: (m, params = []) => d.call(m, params) };
  const out: string[] = [];
  const ctx = new CtlContext('unix:///x.sock', caller, (l) => out.push(l));
  await runLine(ctx, 'health', commandTable());
  return { out, code: ctx.exitstatus };
}

const web: FakeGroupSpec = { name: 'web', processes: [{ name: 'web', state: 'RUNNING' }] };

it('an unexpected exit (spawnerr "Bad exit code N") is unhealthy and named', { timeout: 5000 }, async () => {
  const job: FakeGroupSpec = { name: 'job', processes: [{ name: 'job', state: 'EXITED', spawnerr: 'Bad exit code 3' }] };
  assert.deepEqual(await health([web, job]), { out: ['unhealthy: job EXITED unexpectedly (Bad exit code 3)'], code: 1 });
});

it('an expected exit (spawnerr empty) is healthy', { timeout: 5000 }, async () => {
  const job: FakeGroupSpec = { name: 'job', processes: [{ name: 'job', state: 'EXITED' }] };
  assert.deepEqual(await health([web, job]), { out: ['healthy: 1 of 2 processes running, none failed'], code: 0 });
});
