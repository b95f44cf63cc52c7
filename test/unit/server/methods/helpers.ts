// Shared by the method-family tests: a call function over a dispatcher, and small readers.
import { createDispatcher, type Dispatcher } from '../../../../src/server/methods/dispatcher';
import type { XmlRpcValue } from '../../../../src/protocol/xmlrpc';
import { demoPort, type FakePort } from '../fake-port';

export type Call = (m: string, ...p: XmlRpcValue[]) => Promise<XmlRpcValue>;

export function caller(d: Dispatcher): Call {
  return (m, ...p) => d.call(m, p);
}

export function stateOf(port: FakePort, group: string, name: string): string {
  return port.groups().find((g) => g.name === group)!.processes.find((p) => p.config.name === name)!.state;
}

/** a SUCCESS result struct */
export const ok = (name: string, group: string) => ({ name, group, status: 80, description: 'OK' });

export const T = { timeout: 5000 };

const ports: FakePort[] = [];

/** afterEach(disposePorts): the fakes made by setup() stop their timers */
export function disposePorts(): void {
  for (const p of ports.splice(0)) p.dispose();
}

/** a dispatcher over one method family of port (default: the demo processes) */
export function setup(
  family: (port: FakePort) => Parameters<typeof createDispatcher>[0],
  port: FakePort = demoPort(),
): { port: FakePort; d: Dispatcher; call: Call } {
  ports.push(port);
  const d = createDispatcher(family(port));
  return { port, d, call: caller(d) };
}
