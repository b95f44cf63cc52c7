import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorized, basicAuthHeader, passwordMatches } from '../../../src/protocol/auth';
import { cappedInt, faultName, Faults, isMethodName, makeNamespec, Methods, readResults, RpcFault, splitNamespec } from '../../../src/protocol/protocol';

const T = { timeout: 5000 };

describe('protocol', () => {
  it('namespecs (§6.3)', T, () => {
    assert.deepEqual(splitNamespec('p'), ['p', 'p']);
    assert.deepEqual(splitNamespec('g:p'), ['g', 'p']);
    assert.deepEqual(splitNamespec('g:*'), ['g', null]);
    assert.deepEqual(splitNamespec('g:'), ['g', null]);
    assert.deepEqual(splitNamespec('a:b:c'), ['a', 'b:c']);
    assert.equal(makeNamespec('p', 'p'), 'p');
    assert.equal(makeNamespec('g', 'p'), 'g:p');
  });

  it('fault codes and strings (§6.2)', T, () => {
    assert.equal(Faults.SHUTDOWN_STATE, 6);
    assert.equal(Faults.CANT_REREAD, 92);
    assert.equal(faultName(60), 'ALREADY_STARTED');
    assert.equal(faultName(5), 'UNKNOWN');
    const f = RpcFault.of('BAD_NAME', 'nosuch');
    assert.deepEqual([f.code, f.text, f.message], [10, 'BAD_NAME: nosuch', 'BAD_NAME: nosuch']);
    assert.equal(RpcFault.of('UNKNOWN_METHOD').text, 'UNKNOWN_METHOD');
  });

  it('method names: the 41 of supervisord 4.2.5, nothing else', T, () => {
    assert.equal(new Set(Object.values(Methods)).size, 41);
    for (const name of Object.values(Methods)) assert.ok(isMethodName(name), name);
    for (const name of ['supervisor.nosuch', 'getPID', 'constructor', '__proto__', 'supervisor.', '']) assert.ok(!isMethodName(name), name);
  });

  it('times are capped to 32 bits', T, () => {
    assert.equal(cappedInt(2 ** 40), 2147483647);
    assert.equal(cappedInt(-(2 ** 40)), -2147483648);
    assert.equal(cappedInt(12.9), 12);
  });

  it('result arrays are checked when read', T, () => {
    assert.deepEqual(readResults([{ name: 'a', group: 'g', status: 80, description: 'OK' }]), [{ name: 'a', group: 'g', status: 80, description: 'OK' }]);
    assert.throws(() => readResults([{ name: 'a' }]), TypeError);
    assert.throws(() => readResults('x'), TypeError);
  });
});

describe('auth', () => {
  it('plain and {SHA} passwords', T, () => {
    assert.ok(passwordMatches('thepassword', 'thepassword'));
    assert.ok(!passwordMatches('thepassword', 'other'));
    assert.ok(passwordMatches('{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d', 'thepassword'));
    assert.ok(passwordMatches('{SHA}82AB876D1387BFAFE46CC1C8A2EF074EAE50CB1D', 'thepassword'));
    assert.ok(!passwordMatches('{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d', '{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d'));
  });

  it('Basic headers: exact username, password may contain colons', T, () => {
    const creds = { username: 'admin', password: 'a:b' };
    assert.ok(authorized(basicAuthHeader('admin', 'a:b'), creds));
    assert.ok(authorized(basicAuthHeader('admin', 'a:b').replace('Basic', 'basic'), creds));
    assert.ok(!authorized(basicAuthHeader('Admin', 'a:b'), creds));
    assert.ok(!authorized(undefined, creds));
    assert.ok(!authorized('Digest xyz', creds));
    assert.ok(!authorized('Basic !!!', creds));
  });
});
