import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processInfoStruct, type ProcessInfo } from '../../../src/protocol/protocol';
import {
  encodeCall, encodeFault, encodeResponse, encodeValue, formatDouble, parseCall, parseResponse,
  XmlParseError, XmlRpcDouble, type XmlRpcValue,
} from '../../../src/protocol/xmlrpc';

const T = { timeout: 5000 };

describe('xmlrpc: serialising as supervisord 4.2.5 does (spec §6.9)', () => {
  it('a string scalar', T, () => {
    assert.equal(
      encodeResponse('4.2.5'),
      "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>4.2.5</string></value>\n</param>\n</params>\n</methodResponse>\n",
    );
  });

  it('a boolean', T, () => {
    assert.equal(encodeValue(true), '<value><boolean>1</boolean></value>\n');
    assert.equal(encodeValue(false), '<value><boolean>0</boolean></value>\n');
  });

  it('a fault, one element per line', T, () => {
    assert.equal(
      encodeFault(10, 'BAD_NAME: nosuch'),
      "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>10</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>BAD_NAME: nosuch</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n",
    );
  });

  it('the getProcessInfo struct, byte for byte, in supervisord member order', T, () => {
    const info: ProcessInfo = {
      description: 'pid 5975, uptime 0:00:16', pid: 5975, name: 'running', group: 'grp', start: 1795702742, stop: 0,
      now: 1795702758, state: 20, statename: 'RUNNING', spawnerr: '', exitstatus: 0, logfile: '/srv/demo/running.out.log',
      stdout_logfile: '/srv/demo/running.out.log', stderr_logfile: '/srv/demo/running.err.log',
    };
    const m = (name: string, value: string): string => `<member>\n<name>${name}</name>\n<value>${value}</value>\n</member>\n`;
    const expected =
      "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n" +
      m('name', '<string>running</string>') + m('group', '<string>grp</string>') + m('start', '<int>1795702742</int>') +
      m('stop', '<int>0</int>') + m('now', '<int>1795702758</int>') + m('state', '<int>20</int>') +
      m('statename', '<string>RUNNING</string>') + m('spawnerr', '<string></string>') + m('exitstatus', '<int>0</int>') +
      m('logfile', '<string>/srv/demo/running.out.log</string>') + m('stdout_logfile', '<string>/srv/demo/running.out.log</string>') +
      m('stderr_logfile', '<string>/srv/demo/running.err.log</string>') + m('pid', '<int>5975</int>') +
      m('description', '<string>pid 5975, uptime 0:00:16</string>') +
      '</struct></value>\n</param>\n</params>\n</methodResponse>\n';
    const body = encodeResponse(processInfoStruct(info));
    assert.equal(body, expected);
    // what Python's xmlrpc.client.dumps((info,), methodresponse=1) gives for these values
    assert.equal(Buffer.byteLength(body), 1261);
  });

  it('a group result array', T, () => {
    const v = [{ name: 'web_00', group: 'web', status: 80, description: 'OK' }];
    assert.equal(
      encodeValue(v),
      '<value><array><data>\n<value><struct>\n<member>\n<name>name</name>\n<value><string>web_00</string></value>\n</member>\n' +
        '<member>\n<name>group</name>\n<value><string>web</string></value>\n</member>\n<member>\n<name>status</name>\n<value><int>80</int></value>\n</member>\n' +
        '<member>\n<name>description</name>\n<value><string>OK</string></value>\n</member>\n</struct></value>\n</data></array></value>\n',
    );
  });

  it('the tail triple and reloadConfig-style nested empty arrays', T, () => {
    assert.equal(
      encodeValue(['out-line\n', 9, false]),
      '<value><array><data>\n<value><string>out-line\n</string></value>\n<value><int>9</int></value>\n<value><boolean>0</boolean></value>\n</data></array></value>\n',
    );
    assert.equal(encodeValue([[]]), '<value><array><data>\n<value><array><data>\n</data></array></value>\n</data></array></value>\n');
  });

  it('escapes &, < and > only', T, () => {
    assert.equal(encodeValue(`a<b>&"c'`), `<value><string>a&lt;b&gt;&amp;"c'</string></value>\n`);
    assert.equal(encodeValue({ 'k<': 1 }), '<value><struct>\n<member>\n<name>k&lt;</name>\n<value><int>1</int></value>\n</member>\n</struct></value>\n');
  });

  it('doubles as Python repr() writes them', T, () => {
    assert.equal(formatDouble(1.5), '1.5');
    assert.equal(formatDouble(2), '2.0');
    assert.equal(formatDouble(1e20), '1e+20');
    assert.equal(formatDouble(1.5e-7), '1.5e-07');
    assert.equal(formatDouble(0.0001), '0.0001');
    assert.equal(formatDouble(123456789012345680), '1.2345678901234568e+17');
    assert.equal(formatDouble(-0), '-0.0');
    assert.equal(encodeValue(new XmlRpcDouble(3)), '<value><double>3.0</double></value>\n');
    assert.equal(encodeValue(0.25), '<value><double>0.25</double></value>\n');
  });

  it('a method call as Python clients send it', T, () => {
    assert.equal(
      encodeCall('supervisor.x', ['a', 1]),
      "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.x</methodName>\n<params>\n<param>\n<value><string>a</string></value>\n</param>\n<param>\n<value><int>1</int></value>\n</param>\n</params>\n</methodCall>\n",
    );
  });
});

describe('xmlrpc: parsing', () => {
  it('round-trips every type', T, () => {
    const values: XmlRpcValue[] = [
      'plain', '', 'a<&>\'"b\n', 0, -7, 2147483647, true, false, 0.5, [], [1, 'x', [true]],
      { a: 1, b: { c: 'd' }, e: [] }, {}, 'ünïcødé ✓ 𝄞',
    ];
    for (const v of values) {
      const r = parseResponse(encodeResponse(v));
      assert.deepEqual(r, { ok: true, value: v });
    }
    assert.deepEqual(parseCall(encodeCall('system.multicall', [[{ methodName: 'a.b', params: [1] }]])), {
      methodName: 'system.multicall',
      params: [[{ methodName: 'a.b', params: [1] }]],
    });
  });

  it('reads the request of §6.9 (no newlines, double-quoted prolog)', T, () => {
    const body = '<?xml version="1.0"?><methodCall><methodName>supervisor.getProcessInfo</methodName><params><param><value><string>grp:running</string></value></param></params></methodCall>';
    assert.deepEqual(parseCall(body), { methodName: 'supervisor.getProcessInfo', params: ['grp:running'] });
  });

  it('treats an untyped value as a string and allows missing <params>', T, () => {
    assert.deepEqual(parseCall('<methodCall><methodName>a.b</methodName><params><param><value> x &amp; y </value></param></params></methodCall>'), {
      methodName: 'a.b',
      params: [' x & y '],
    });
    assert.deepEqual(parseCall('<methodCall><methodName>supervisor.getPID</methodName></methodCall>'), { methodName: 'supervisor.getPID', params: [] });
    assert.deepEqual(parseCall('<methodCall><methodName>a.b</methodName><params><param><value/></param></params></methodCall>'), { methodName: 'a.b', params: [''] });
  });

  it('reads i4, i8, base64, CDATA, comments, character references', T, () => {
    const body =
      '<?xml version="1.0"?>\n<!-- hi --><methodCall><methodName>a.b</methodName><params>' +
      '<param><value><i4>5</i4></value></param><param><value><i8>-6</i8></value></param>' +
      '<param><value><base64>aGVsbG8=</base64></value></param><param><value><string><![CDATA[<raw>]]></string></value></param>' +
      '<param><value><string>&#65;&#x42;</string></value></param><param><value><string/></value></param></params></methodCall>';
    assert.deepEqual(parseCall(body).params, [5, -6, 'hello', '<raw>', 'AB', '']);
  });

  it('reads faults', T, () => {
    assert.deepEqual(parseResponse(encodeFault(6, 'SHUTDOWN_STATE')), { ok: false, fault: { faultCode: 6, faultString: 'SHUTDOWN_STATE' } });
  });

  it('keeps a struct member called __proto__ as a plain key', T, () => {
    const r = parseResponse('<methodResponse><params><param><value><struct><member><name>__proto__</name><value><int>1</int></value></member></struct></value></param></params></methodResponse>');
    assert.ok(r.ok);
    assert.equal(Object.getPrototypeOf(r.value), Object.prototype);
    assert.deepEqual(Object.keys(r.value as object), ['__proto__']);
  });

  it('rejects malformed input', T, () => {
    const bad = [
      '', 'not xml', '<methodCall>', '<methodCall><methodName>a.b</methodName></methodcall>',
      '<methodCall><params/></methodCall>', '<methodCall><methodName></methodName></methodCall>',
      '<methodCall><methodName>a.b</methodName><params><param><value><int>x</int></value></param></params></methodCall>',
      '<methodCall><methodName>a.b</methodName><params><param><value><nil/></value></param></params></methodCall>',
      '<methodCall><methodName>a.b</methodName><params><param><value><boolean>2</boolean></value></param></params></methodCall>',
      '<!DOCTYPE x [<!ENTITY a "b">]><methodCall><methodName>a.b</methodName></methodCall>',
      '<methodCall><methodName>a&foo;b</methodName></methodCall>',
      '<a/><b/>',
      '<methodResponse><params><param><value><int>1</int></value></param></params></methodResponse>',
    ];
    for (const body of bad) assert.throws(() => parseCall(body), XmlParseError, body);
    assert.throws(() => parseResponse('<methodResponse><fault><value><int>1</int></value></fault></methodResponse>'), XmlParseError);
  });
});
