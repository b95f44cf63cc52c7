// Shared by the method-family tests: a call function over a dispatcher, and small readers.
import type { Dispatcher } from '../../../../src/server/methods/dispatcher';
import type { XmlRpcValue } from '../../../../src/protocol/xmlrpc';
import type { FakePort } from '../fake-port';

export type Call = (m: string, ...p: XmlRpcValue[]) => Promise<XmlRpcValue>;

export function caller(d: Dispatcher): Call {
  return (m, ...p) => d.call(m, p);
}

export function stateOf(port: FakePort, group: string, name: string): string {
  return port.groups().find((g) => g.name === group)!.processes.find((p) => p.config.name === name)!.state;
}

/** a SUCCESS result struct */
export const ok = (name: string, group: string) => ({ name, group, status: 80, description: 'OK' });
