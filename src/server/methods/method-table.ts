// The shape of one RPC method: its documented signature (for methodHelp/methodSignature and
// the arity check) and its implementation. Argument readers raise INCORRECT_PARAMETERS;
// ensureRunning raises SHUTDOWN_STATE.

import type { DaemonState } from '../../core/port';
import { isMethodName, RpcFault, type MethodName } from '../../protocol/protocol';
import { isXmlRpcStruct, XmlRpcDouble, type XmlRpcValue } from '../../protocol/xmlrpc';

export type WireType = 'string' | 'boolean' | 'int' | 'double' | 'array' | 'struct';

export interface ParamDoc {
  readonly name: string;
  readonly type: WireType;
  readonly doc: string;
  /** may be left out by the caller (it has a default) */
  readonly optional?: boolean;
}

export interface CallContext {
  /** aborted when the client has gone away: blocking methods stop waiting */
  readonly signal?: AbortSignal;
}

export interface MethodDef {
  readonly doc: string;
  readonly params: readonly ParamDoc[];
  readonly returns: { readonly type: WireType; readonly name: string; readonly doc: string };
  readonly call: (args: readonly XmlRpcValue[], ctx: CallContext) => XmlRpcValue | Promise<XmlRpcValue>;
}

/** A family's methods: one for each of its names, every name one of the protocol's (Methods). */
export type MethodTable<N extends MethodName> = Readonly<Record<N, MethodDef>>;

/** Methods of any families, as the dispatcher looks them up. */
export type AnyMethods = Readonly<Partial<Record<MethodName, MethodDef>>>;

/** the method a name (as a client sent it) names in the table, if any */
export function methodOf(table: AnyMethods, name: string): MethodDef | undefined {
  return isMethodName(name) ? table[name] : undefined;
}

/** The docstring methodHelp returns: text, then @param and @return lines. */
export function docstring(def: MethodDef): string {
  const lines = def.params.map((p) => `@param ${p.type} ${p.name} ${p.doc}`);
  lines.push(`@return ${def.returns.type} ${def.returns.name} ${def.returns.doc}`);
  return `${def.doc}\n\n${lines.join('\n')}\n`;
}

export function signatureOf(def: MethodDef): string[] {
  return [def.returns.type, ...def.params.map((p) => p.type)];
}

export function acceptsArity(def: MethodDef, n: number): boolean {
  const required = def.params.filter((p) => !p.optional).length;
  return n >= required && n <= def.params.length;
}

export function argString(args: readonly XmlRpcValue[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') throw RpcFault.of('INCORRECT_PARAMETERS');
  return v;
}

/** An int argument, as Python's int() reads it: an int, or a string of digits. */
export function argInt(args: readonly XmlRpcValue[], i: number): number {
  const v = args[i];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number.parseInt(v, 10);
  throw RpcFault.of('INCORRECT_PARAMETERS');
}

/** A signal argument: a name or a number, as a string (ints are accepted too). */
export function argSignal(args: readonly XmlRpcValue[], i: number): string {
  const v = args[i];
  if (typeof v === 'number') return String(v);
  return argString(args, i);
}

/** Python truthiness, as supervisord reads `wait`; missing means the default. */
export function argFlag(args: readonly XmlRpcValue[], i: number, dflt: boolean): boolean {
  const v = args[i];
  if (v === undefined) return dflt;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  if (v instanceof XmlRpcDouble) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  return isXmlRpcStruct(v) && Object.keys(v).length > 0;
}

/** SHUTDOWN_STATE while the daemon is shutting down or restarting. */
export function ensureRunning(port: DaemonState): void {
  const mood = port.state();
  if (mood === 'SHUTDOWN' || mood === 'RESTARTING') throw RpcFault.of('SHUTDOWN_STATE');
}
