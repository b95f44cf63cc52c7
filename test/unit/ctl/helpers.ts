// What the ctl unit tests share: ctl() runs one command line in-process against the real
// dispatcher over the fake supervisor (no HTTP), so output text and exit codes can be checked
// for every rule of spec §7; ctlWith() runs it against any Caller (say one that fails). Also
// the inputs of resolveTarget and runCtl: ctl configs, a config loader, parsed options.
import assert from 'node:assert/strict';
import type { CtlFileConfig } from '../../../src/config/types';
import { makeOpen } from '../../../src/ctl/config-commands';
import { CtlContext, type Caller } from '../../../src/ctl/context';
import { commandTable, runLine } from '../../../src/ctl/controller';
import { parseCtlArgs, type CtlOptions } from '../../../src/ctl/options';
import type { LoadCtlConfig } from '../../../src/ctl/target';
import type { XmlRpcValue } from '../../../src/protocol/xmlrpc';
import { createDispatcher } from '../../../src/server/methods/dispatcher';
import { servedMethods } from '../../../src/server/methods/served';
import { FakeLog } from '../server/fake-logs';
import { demoPort, FakePort } from '../server/fake-port';
import { fakeServed, type FakeServed } from '../server/fake-served';

export const T = { timeout: 5000 };
export const URL = 'unix:///srv/demo/sv.sock';

export interface CtlResult {
  readonly out: string[];
  readonly code: number;
}

const ports = new Set<FakePort>();

/** a fake port to dispose of after the test (ctl() tracks the ports it is given) */
export function track(port: FakePort): FakePort {
  ports.add(port);
  return port;
}

/** afterEach(disposePorts) in every file that uses ctl(): the fakes' timers are stopped */
export function disposePorts(): void {
  for (const p of ports) p.dispose();
  ports.clear();
}

/** the demo processes with logs for grp:running: 2004 bytes of stdout ending in END\n, and oops\n on stderr */
export function logPort(): FakeServed {
  const p = fakeServed();
  p.logs.set('running', 'stdout', new FakeLog('/logs/running.out', 'x'.repeat(2000) + 'END\n'));
  p.logs.set('running', 'stderr', new FakeLog('/logs/running.err', 'oops\n'));
  track(p.port);
  return p;
}

/** one command line against the real dispatcher over a fake port (or all a server serves) */
export async function ctl(line: string, target: FakePort | FakeServed = demoPort()): Promise<CtlResult> {
  const served = target instanceof FakePort ? fakeServed(target) : target;
  track(served.port);
  const d = createDispatcher(servedMethods(served.served));
  return ctlWith({ call: (m, p = []) => d.call(m, p) }, line);
}

/** one command line against caller (open connects to the same caller) */
export async function ctlWith(caller: Caller, line: string): Promise<CtlResult> {
  const out: string[] = [];
  const ctx = new CtlContext(URL, caller, (l) => out.push(l));
  await runLine(ctx, line, commandTable({ open: makeOpen(() => caller) }));
  return { out, code: ctx.exitstatus };
}

/** a Caller whose every call fails with err */
export function failing(err: unknown): Caller {
  return { call: (): Promise<XmlRpcValue> => Promise.reject(err) };
}

/** an Error with an errno code, as node:net gives them */
export function errno(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/** a ctl config ([supervisorctl] and [unix_http_server] file) with nothing set but over */
export const cfg = (over: Partial<CtlFileConfig>): CtlFileConfig => ({ serverurl: null, username: null, password: null, prompt: 'supervisor', history_file: null, unixSocketFile: null, ...over });

/** loads the configs of m by file name; any other file has no [supervisorctl] section */
export const loader = (m: Record<string, CtlFileConfig>): LoadCtlConfig => (file) => (m[file] ? { ok: true, config: m[file] } : { ok: false, errors: [`.ini file does not include supervisorctl section`] });

/** the options of a command line that parses */
export const opts = (argv: string[]): CtlOptions => {
  const p = parseCtlArgs(argv);
  assert.ok(p.ok);
  return p.options;
};
