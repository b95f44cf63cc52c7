// The RPC dispatcher: one table of methods keyed by the protocol's names (supervisor.* and
// system.*), lookup by exact `namespace.method`, the arity check, and the call. Used by the
// HTTP server (over servedMethods) and by tests (over the families they test).

import { toRpcFault } from './faults';
import { acceptsArity, methodOf, type AnyMethods, type CallContext } from './method-table';
import { RpcFault } from '../../protocol/protocol';
import { systemMethods } from './system-methods';
import type { XmlRpcValue } from '../../protocol/xmlrpc';

export interface Dispatcher {
  /** run one method; rejects with RpcFault for faults (other errors are server bugs) */
  call(method: string, params: readonly XmlRpcValue[], ctx?: CallContext): Promise<XmlRpcValue>;
}

/** a dispatcher over the given methods (servedMethods, or the families a test needs) and system.* */
export function createDispatcher(methods: AnyMethods): Dispatcher {
  const call = async (method: string, params: readonly XmlRpcValue[], ctx: CallContext = {}): Promise<XmlRpcValue> => {
    const parts = method.split('.');
    // exactly namespace.method; names starting with '_' are never public
    if (parts.length !== 2 || parts[1].startsWith('_')) throw RpcFault.of('UNKNOWN_METHOD');
    const def = methodOf(table, method);
    if (def === undefined) throw RpcFault.of('UNKNOWN_METHOD');
    if (!acceptsArity(def, params.length)) throw RpcFault.of('INCORRECT_PARAMETERS');
    try {
      return await def.call(params, ctx);
    } catch (err) {
      throw toRpcFault(err) ?? err;
    }
  };
  const table: AnyMethods = { ...methods, ...systemMethods(() => table, call) };
  return { call };
}
