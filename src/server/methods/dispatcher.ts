// The RPC dispatcher: one table of every method (supervisor.* and system.*), lookup by
// exact `namespace.method`, the arity check, and the call. Used by the HTTP server (over
// servedMethods) and by tests (over the families they test).

import { toRpcFault } from './faults';
import { acceptsArity, type CallContext, type MethodTable } from './method-table';
import { RpcFault } from '../../protocol/protocol';
import { systemMethods } from './system-methods';
import type { XmlRpcValue } from '../../protocol/xmlrpc';

export interface Dispatcher {
  /** run one method; rejects with RpcFault for faults (other errors are server bugs) */
  call(method: string, params: readonly XmlRpcValue[], ctx?: CallContext): Promise<XmlRpcValue>;
  /** every method name, sorted */
  methods(): string[];
}

/** a dispatcher over the given supervisor.* methods (by their names in the namespace) and system.* */
export function createDispatcher(supervisor: MethodTable): Dispatcher {
  const table: Record<string, MethodTable[string]> = {};
  for (const [name, def] of Object.entries(supervisor)) table[`supervisor.${name}`] = def;

  const call = async (method: string, params: readonly XmlRpcValue[], ctx: CallContext = {}): Promise<XmlRpcValue> => {
    const parts = method.split('.');
    // exactly namespace.method; names starting with '_' are never public
    if (parts.length !== 2 || parts[1].startsWith('_')) throw RpcFault.of('UNKNOWN_METHOD');
    const def = Object.prototype.hasOwnProperty.call(table, method) ? table[method] : undefined;
    if (def === undefined) throw RpcFault.of('UNKNOWN_METHOD');
    if (!acceptsArity(def, params.length)) throw RpcFault.of('INCORRECT_PARAMETERS');
    try {
      return await def.call(params, ctx);
    } catch (err) {
      throw toRpcFault(err) ?? err;
    }
  };

  Object.assign(table, systemMethods(() => table, call));
  return { call, methods: () => Object.keys(table).sort() };
}
