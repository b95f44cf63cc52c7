// One converter per value type (spec §2.3): values and every error text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as c from '../../../src/config/convert';
import type { Conv } from '../../../src/python/builtins';
import { users } from './helpers';

function okv<T>(r: Conv<T>): T {
  if (!r.ok) assert.fail(`unexpected error: ${r.error}`);
  return r.value;
}

function err<T>(r: Conv<T>): string {
  if (r.ok) assert.fail(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

const dirs = new Set(['/', '/etc', '/var', '/var/log', '/root', '/home/app', '/work', '/work/logs']);
const paths: c.PathEnv = { cwd: '/work', home: '/root', users, isDir: (p) => dirs.has(p) };

test('boolean: true yes on 1 / false no off 0 in any case', () => {
  for (const v of ['true', 'YES', 'On', '1']) assert.equal(okv(c.boolean(v)), true, v);
  for (const v of ['false', 'No', 'OFF', '0']) assert.equal(okv(c.boolean(v)), false, v);
  assert.equal(err(c.boolean('maybe')), "not a valid boolean value: 'maybe'");
  assert.equal(err(c.boolean('2')), "not a valid boolean value: '2'");
});

test("integer: Python int() rules and its error text", () => {
  assert.equal(okv(c.integer('42')), 42);
  assert.equal(okv(c.integer('-3')), -3);
  assert.equal(okv(c.integer('+7')), 7);
  assert.equal(okv(c.integer('1_000')), 1000);
  assert.equal(err(c.integer('abc')), "invalid literal for int() with base 10: 'abc'");
  assert.equal(err(c.integer('1.5')), "invalid literal for int() with base 10: '1.5'");
  assert.equal(err(c.integer('')), "invalid literal for int() with base 10: ''");
  assert.equal(err(c.integer('1__0')), "invalid literal for int() with base 10: '1__0'");
});

test('byte size: KB MB GB in any case, a space allowed, 0; errors quote the lower-cased text', () => {
  assert.equal(okv(c.byteSize('0')), 0);
  assert.equal(okv(c.byteSize('1024')), 1024);
  assert.equal(okv(c.byteSize('10KB')), 10240);
  assert.equal(okv(c.byteSize('10 MB')), 10 * 1024 * 1024);
  assert.equal(okv(c.byteSize('2gb')), 2 * 1024 ** 3);
  assert.equal(err(c.byteSize('1K')), "invalid literal for int() with base 10: '1k'");
  assert.equal(err(c.byteSize('1.5MB')), "invalid literal for int() with base 10: '1.5'");
  assert.equal(err(c.byteSize('lots')), "invalid literal for int() with base 10: 'lots'");
});

test('octal', () => {
  assert.equal(okv(c.octal('022')), 0o22);
  assert.equal(okv(c.octal('0700')), 0o700);
  assert.equal(okv(c.octal('0o17')), 0o17);
  assert.equal(err(c.octal('999')), '999 can not be converted to an octal type');
  assert.equal(err(c.octal('rw')), 'rw can not be converted to an octal type');
});

test('signal: name with or without SIG, any case, or a number; stored as the name', () => {
  assert.equal(okv(c.signal('TERM')), 'TERM');
  assert.equal(okv(c.signal('sigusr1')), 'USR1');
  assert.equal(okv(c.signal('Kill')), 'KILL');
  assert.equal(okv(c.signal('9')), 'KILL');
  assert.equal(err(c.signal('FOO')), "value 'FOO' is not a valid signal name");
  assert.equal(err(c.signal('99')), "value '99' is not a valid signal number");
});

test('exitcodes: comma list 0-255 with spaces; empty is none', () => {
  assert.deepEqual(okv(c.exitcodes('0')), [0]);
  assert.deepEqual(okv(c.exitcodes('0, 2 ,3')), [0, 2, 3]);
  assert.deepEqual(okv(c.exitcodes('')), []);
  assert.equal(err(c.exitcodes('0,256')), "not a valid list of exit codes: '0,256'");
  assert.equal(err(c.exitcodes('0,-1')), "not a valid list of exit codes: '0,-1'");
  assert.equal(err(c.exitcodes('0,x')), "not a valid list of exit codes: '0,x'");
});

test('autorestart: true-ish, false-ish, unexpected; the error quotes the lower-cased value', () => {
  assert.equal(okv(c.autorestart('TRUE')), 'true');
  assert.equal(okv(c.autorestart('off')), 'false');
  assert.equal(okv(c.autorestart('Unexpected')), 'unexpected');
  assert.equal(err(c.autorestart('SomeTimes')), "invalid 'autorestart' value 'sometimes'");
});

test("loglevel: supervisord's names in any case; 'warning' is rejected", () => {
  for (const l of ['critical', 'error', 'warn', 'info', 'debug', 'trace', 'blather']) assert.equal(okv(c.loglevel(l)), l);
  assert.equal(okv(c.loglevel('DEBUG')), 'debug');
  assert.equal(err(c.loglevel('warning')), "bad logging level name 'warning'");
  assert.equal(err(c.loglevel('Loud')), "bad logging level name 'Loud'");
});

test('names: trimmed; no space, colon or slash', () => {
  assert.equal(okv(c.name(' web ')), 'web');
  assert.equal(err(c.name('a b')), "Invalid name: 'a b' because of character: ' '");
  assert.equal(err(c.name('a:b')), "Invalid name: 'a:b' because of character: ':'");
  assert.equal(err(c.name('a/b')), "Invalid name: 'a/b' because of character: '/'");
});

test('port: the forms of [inet_http_server] port', () => {
  assert.deepEqual(okv(c.inetAddress('9001')), { host: '', port: 9001 });
  assert.deepEqual(okv(c.inetAddress('127.0.0.1:9001')), { host: '127.0.0.1', port: 9001 });
  assert.deepEqual(okv(c.inetAddress('*:9001')), { host: '', port: 9001 });
  assert.deepEqual(okv(c.inetAddress(':9001')), { host: '', port: 9001 });
  assert.deepEqual(okv(c.inetAddress('LocalHost:80')), { host: 'localhost', port: 80 });
  assert.equal(err(c.inetAddress('abc')), "not a valid port number: 'abc' ");
  assert.equal(err(c.inetAddress('70000')), "not a valid port number: '70000' ");
  assert.equal(err(c.inetAddress('0')), "not a valid port number: '0' ");
  assert.equal(err(c.inetAddress('h:abc')), "invalid literal for int() with base 10: 'abc'");
  assert.equal(err(c.inetAddress('h:0')), '0 is below lower bound (1)');
  assert.equal(err(c.inetAddress('h:65536')), '65536 is above upper bound (65535)');
  assert.equal(err(c.inetAddress('h:')), "no port number specified in ''");
});

test('existing directory: ~ expanded, made absolute, must exist', () => {
  assert.equal(okv(c.existingDirectory('/var/log', paths)), '/var/log');
  assert.equal(okv(c.existingDirectory('logs', paths)), '/work/logs');
  assert.equal(okv(c.existingDirectory('~', paths)), '/root');
  assert.equal(okv(c.existingDirectory('~app', paths)), '/home/app');
  assert.equal(err(c.existingDirectory('/nope', paths)), '/nope is not an existing directory');
  assert.equal(err(c.existingDirectory('~nobody', paths)), '~nobody is not an existing directory');
});

test('path whose directory must exist: a bare name is fine; made absolute', () => {
  assert.equal(okv(c.existingDirpath('supervisord.log', paths)), '/work/supervisord.log');
  assert.equal(okv(c.existingDirpath('/var/log/x.log', paths)), '/var/log/x.log');
  assert.equal(okv(c.existingDirpath('~/x.log', paths)), '/root/x.log');
  assert.equal(okv(c.existingDirpath('logs/../x.log', paths)), '/work/x.log');
  assert.equal(
    err(c.existingDirpath('/nonexist/dir/x.log', paths)),
    'The directory named as part of the path /nonexist/dir/x.log does not exist',
  );
});

test('logfile: none/off, auto, syslog in any case, else a path', () => {
  assert.deepEqual(okv(c.logfile('NONE', paths)), { kind: 'none' });
  assert.deepEqual(okv(c.logfile('off', paths)), { kind: 'none' });
  assert.deepEqual(okv(c.logfile('Auto', paths)), { kind: 'auto' });
  assert.deepEqual(okv(c.logfile('syslog', paths)), { kind: 'syslog' });
  assert.deepEqual(okv(c.logfile('/var/log/a.log', paths)), { kind: 'path', path: '/var/log/a.log' });
  assert.equal(err(c.logfile('/no/a.log', paths)), 'The directory named as part of the path /no/a.log does not exist');
});

test('user: name or uid; primary gid first, then the groups that list the user', () => {
  assert.deepEqual(okv(c.user('app', users)), {
    spec: 'app',
    name: 'app',
    uid: 1000,
    gid: 1000,
    groups: [1000, 29, 999],
    home: '/home/app',
  });
  assert.deepEqual(okv(c.user('0', users)), { spec: '0', name: 'root', uid: 0, gid: 0, groups: [0], home: '/root' });
  assert.equal(err(c.user('nosuchuser', users)), 'Invalid user name nosuchuser');
  assert.equal(err(c.user('4242', users)), 'Invalid user id 4242');
});

test('user:group: user alone keeps the group (-1); names or ids', () => {
  assert.deepEqual(okv(c.userGroup('www', users)), { uid: 33, gid: -1 });
  assert.deepEqual(okv(c.userGroup('app:docker', users)), { uid: 1000, gid: 999 });
  assert.deepEqual(okv(c.userGroup('33:29', users)), { uid: 33, gid: 29 });
  assert.equal(err(c.userGroup('app:nogroup', users)), 'Invalid user:group definition app:nogroup');
  assert.equal(err(c.userGroup('app:4242', users)), 'Invalid user:group definition app:4242');
  assert.equal(err(c.userGroup('ghost', users)), 'Invalid user:group definition ghost');
});

test('list of strings: comma separated, trimmed', () => {
  assert.deepEqual(okv(c.listOfStrings('a, b ,c')), ['a', 'b', 'c']);
  assert.deepEqual(okv(c.listOfStrings('')), []);
});
