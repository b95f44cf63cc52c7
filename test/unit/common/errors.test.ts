// The one error convention: Refusal (a fault name and its detail), errorText, errorStack,
// errnoCode; and the server's mapping of a Refusal to its fault.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { errnoCode, errorStack, errorText, Refusal } from '../../../src/common/errors';
import { RpcFault } from '../../../src/protocol/protocol';
import { toRpcFault } from '../../../src/server/methods/faults';

describe('Refusal', () => {
  it('carries the fault and the detail; its message reads as the faultString', () => {
    const r = new Refusal('BAD_NAME', 'grp:nosuch');
    assert.ok(r instanceof Error);
    assert.equal(r.name, 'Refusal');
    assert.equal(r.fault, 'BAD_NAME');
    assert.equal(r.detail, 'grp:nosuch');
    assert.equal(r.message, 'BAD_NAME: grp:nosuch');
    assert.equal(errorText(r), 'BAD_NAME: grp:nosuch');
  });

  it('the server answers it as its fault; an RpcFault as it is; anything else is no fault', () => {
    const fault = toRpcFault(new Refusal('STILL_RUNNING', 'web'));
    assert.ok(fault instanceof RpcFault);
    assert.deepEqual([fault.code, fault.text], [91, 'STILL_RUNNING: web']);
    assert.deepEqual([toRpcFault(new Refusal('FAILED', 'EPERM'))?.code, toRpcFault(new Refusal('FAILED', 'EPERM'))?.text], [30, 'FAILED: EPERM']);
    const rpc = RpcFault.of('NO_FILE');
    assert.equal(toRpcFault(rpc), rpc);
    assert.equal(toRpcFault(new Error('BAD_NAME: x')), null, 'a message that looks like a fault is not one');
    assert.equal(toRpcFault('BAD_NAME'), null);
  });
});

describe('errorText, errorStack', () => {
  it('an Error gives its message (or stack), anything else its string', () => {
    const e = new TypeError('boom');
    assert.equal(errorText(e), 'boom');
    assert.match(errorStack(e), /^TypeError: boom\n\s+at /);
    const bare = new Error('no stack');
    bare.stack = undefined;
    assert.equal(errorStack(bare), 'no stack');
    for (const v of ['text', 42, null, undefined, { a: 1 }]) {
      assert.equal(errorText(v), String(v));
      assert.equal(errorStack(v), String(v));
    }
  });
});

describe('errnoCode', () => {
  it('the string code of an error from Node or the addon, else undefined', () => {
    assert.equal(errnoCode(Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' })), 'EMFILE');
    assert.equal(errnoCode({ code: 'ENOENT' }), 'ENOENT', 'any object with a code');
    assert.equal(errnoCode(new Error('plain')), undefined);
    assert.equal(errnoCode(RpcFault.of('BAD_NAME')), undefined, 'a numeric code is no errno');
    assert.equal(errnoCode(Object.assign(new Error('x'), { code: 5 })), undefined);
    for (const v of [null, undefined, 'ENOENT', 2]) assert.equal(errnoCode(v), undefined);
  });
});

it('src/common/errors.ts is pure: it imports nothing', () => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../../src/common/errors.ts'), 'utf8');
  assert.doesNotMatch(text, /^import /m);
});
