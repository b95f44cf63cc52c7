// Where the server turns what a method threw into the fault it answers: an RpcFault as it is,
// a Refusal (src/common/errors.ts) as its fault. Anything else is a server bug.

import { Refusal } from '../../common/errors';
import { RpcFault } from '../../protocol/protocol';

/** the fault to answer for err, or null when err is no fault (a bug: it propagates) */
export function toRpcFault(err: unknown): RpcFault | null {
  if (err instanceof RpcFault) return err;
  if (err instanceof Refusal) return RpcFault.of(err.fault, err.detail);
  return null;
}
