// What every ctl command works with (src/ctl/context.ts): supervisorctl's up-check and the
// `error: <class ...>` lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpStatusError } from '../../../src/protocol/client';
import { errorLine } from '../../../src/ctl/context';
import { RpcFault } from '../../../src/protocol/protocol';
import { ctlWith, errno, failing, T, URL } from './helpers';

describe('ctl up-check (§7.1)', () => {
  it('no such file / refused connection / other API / no supervisor namespace / 401', T, async () => {
    assert.deepEqual(await ctlWith(failing(errno('ENOENT')), 'start x'), { out: [`${URL} no such file`], code: 7 });
    assert.deepEqual(await ctlWith(failing(errno('ECONNREFUSED')), 'pid'), { out: [`${URL} refused connection`], code: 4 });
    assert.deepEqual(await ctlWith({ call: async () => '2.0' }, 'version'), {
      out: ['Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, but the remote version is 2.0.'],
      code: 5,
    });
    const r = await ctlWith(failing(RpcFault.of('UNKNOWN_METHOD')), 'stop x');
    assert.equal(r.code, 3);
    assert.match(r.out[0], /^Sorry, supervisord responded but did not recognize the supervisor namespace commands/);
    assert.deepEqual(await ctlWith(failing(new HttpStatusError(401, 'Unauthorized')), 'status'), {
      out: ['Server requires authentication', "error: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>"],
      code: 1,
    });
  });
});

describe('ctl error lines', () => {
  it('errorLine for OS errors', T, () => {
    assert.equal(errorLine(errno('ECONNREFUSED')), "error: <class 'ConnectionRefusedError'>, [Errno 111] Connection refused");
    assert.equal(errorLine(new RpcFault(10, "BAD_NAME: it's")), `error: <class 'xmlrpc.client.Fault'>, <Fault 10: "BAD_NAME: it's">`);
  });
});
