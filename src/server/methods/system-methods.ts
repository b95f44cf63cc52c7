// The system.* namespace (spec §6.8): introspection over the method table, and multicall
// with supervisord's quirk of returning bare values (not one-element arrays).

import type { AnyMethods, CallContext, MethodDef, MethodTable } from './method-table';
import { argString, docstring, methodOf, signatureOf } from './method-table';
import { Faults, RpcFault } from '../../protocol/protocol';
import { isXmlRpcStruct, type XmlRpcValue } from '../../protocol/xmlrpc';
import { errorText } from '../../common/errors';

/** Invokes a method by its full name; throws RpcFault. */
export type Invoke = (method: string, params: readonly XmlRpcValue[], ctx: CallContext) => Promise<XmlRpcValue>;

function faultStruct(err: unknown): XmlRpcValue {
  if (err instanceof RpcFault) return { faultCode: err.code, faultString: err.text };
  return { faultCode: Faults.FAILED, faultString: `FAILED: ${errorText(err)}` };
}

async function runOne(call: XmlRpcValue, invoke: Invoke, ctx: CallContext): Promise<XmlRpcValue> {
  const methodName = isXmlRpcStruct(call) ? call.methodName : undefined;
  if (typeof methodName !== 'string') throw RpcFault.of('INCORRECT_PARAMETERS', 'No methodName');
  if (methodName === 'system.multicall') throw RpcFault.of('INCORRECT_PARAMETERS', 'Recursive system.multicall forbidden');
  const params = isXmlRpcStruct(call) && call.params !== undefined ? call.params : [];
  if (!Array.isArray(params)) throw RpcFault.of('INCORRECT_PARAMETERS');
  return invoke(methodName, params as readonly XmlRpcValue[], ctx);
}

/**
 * system.* for the given full table (all namespaces, system included once built).
 * `all` is read lazily so that listMethods sees the finished table.
 */
export type SystemMethodName = 'system.listMethods' | 'system.methodHelp' | 'system.methodSignature' | 'system.multicall';

export function systemMethods(all: () => AnyMethods, invoke: Invoke): MethodTable<SystemMethodName> {
  const lookup = (name: string): MethodDef => {
    const def = methodOf(all(), name);
    if (def === undefined) throw RpcFault.of('SIGNATURE_UNSUPPORTED');
    return def;
  };
  const METHOD = { name: 'name', type: 'string', doc: 'the full method name' } as const;
  return {
    'system.listMethods': {
      doc: 'The names of every method this server answers',
      params: [],
      returns: { type: 'array', name: 'result', doc: 'method names, sorted' },
      call: () => Object.keys(all()).sort(),
    },
    'system.methodHelp': {
      doc: "A method's documentation",
      params: [METHOD],
      returns: { type: 'string', name: 'result', doc: 'the documentation' },
      call: (args) => docstring(lookup(argString(args, 0))),
    },
    'system.methodSignature': {
      doc: "A method's signature: [return type, parameter types...]",
      params: [METHOD],
      returns: { type: 'array', name: 'result', doc: 'type names' },
      call: (args) => signatureOf(lookup(argString(args, 0))),
    },
    'system.multicall': {
      doc: 'Run several calls in order; each result is the bare value or a {faultCode, faultString} struct',
      params: [{ name: 'calls', type: 'array', doc: 'structs {methodName: string, params: array}' }],
      returns: { type: 'array', name: 'result', doc: 'one entry per call' },
      call: async (args, ctx) => {
        const calls = args[0];
        if (!Array.isArray(calls)) throw RpcFault.of('INCORRECT_PARAMETERS');
        const results: XmlRpcValue[] = [];
        for (const call of calls as readonly XmlRpcValue[]) {
          try {
            results.push(await runOne(call, invoke, ctx));
          } catch (err) {
            if (ctx.signal?.aborted) throw err;
            results.push(faultStruct(err));
          }
        }
        return results;
      },
    },
  };
}
