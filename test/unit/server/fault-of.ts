// `<code> <faultString>` of the RpcFault a call rejects with (the test fails when it resolves).
import assert from 'node:assert/strict';
import { RpcFault } from '../../../src/protocol/protocol';

export async function faultOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof RpcFault, `not a fault: ${String(err)}`);
    return `${err.code} ${err.text}`;
  }
  assert.fail('expected a fault');
}
