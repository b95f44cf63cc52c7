// loadConfig's file handling, loadCtlConfig, and the default-path search (spec §1.3).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { envSnapshot, findConfigFile, loadConfig, loadCtlConfig, noConfigFileMessage } from '../../../src/config/load';
import { ENV, head, load, ok, tempDir, users, writeTree } from './helpers';

test('a missing file: could not find config file, as given', () => {
  const r = loadConfig('nope.conf', { cwd: tempDir(), env: ENV, users });
  assert.deepEqual(r, { ok: false, errors: ['could not find config file nope.conf'] });
});

test('a file that exists but cannot be read (here: a directory): could not read config file', () => {
  const dir = writeTree({ 'conf.d/x': '' });
  assert.deepEqual(loadConfig('conf.d', { cwd: dir, env: ENV, users }), {
    ok: false,
    errors: ['could not read config file conf.d'],
  });
});

test('a relative file name is resolved against cwd; Config.file is absolute', () => {
  const dir = writeTree({ 'etc/s.conf': '[supervisord]\nlogfile=x.log\n' });
  const r = loadConfig('etc/s.conf', { cwd: dir, env: ENV, users, hostname: 'h' });
  assert.ok(r.ok);
  assert.equal(r.config.file, `${dir}/etc/s.conf`);
  assert.equal(r.config.supervisord.logfile, `${dir}/x.log`);
});

test('the environment snapshot and host name are the ones passed in', () => {
  const l = load(`${head('@DIR@')}[program:a]\ncommand=%(ENV_ONLY)s@%(host_node_name)s\n`, { env: { ONLY: 'yes' }, hostname: 'h1' });
  assert.equal(ok(l).groups[0]?.processes[0]?.command, 'yes@h1');
});

test('envSnapshot drops undefined values', () => {
  assert.deepEqual(envSnapshot({ A: '1', B: undefined }), { A: '1' });
});

test('loadCtlConfig: [supervisorctl] and the unix socket, without [supervisord]', () => {
  const dir = writeTree({
    's.conf':
      '[unix_http_server]\nfile=%(here)s/run/sv.sock\n[supervisorctl]\nserverurl=unix://%(here)s/run/sv.sock\n' +
      'username=%(ENV_USER)s\npassword=pw\nprompt=box\nhistory_file=hist\n[program:broken]\nstartsecs=never\n',
  });
  const r = loadCtlConfig(path.join(dir, 's.conf'), { env: { USER: 'me' }, cwd: '/work' });
  assert.deepEqual(r, {
    ok: true,
    config: {
      serverurl: `unix://${dir}/run/sv.sock`,
      username: 'me',
      password: 'pw',
      prompt: 'box',
      history_file: '/work/hist',
      unixSocketFile: `${dir}/run/sv.sock`,
    },
  });
});

test('loadCtlConfig: defaults, a missing section, errors', () => {
  const dir = writeTree({ 'a.conf': '[supervisorctl]\n', 'b.conf': '[supervisord]\n', 'c.conf': '[supervisorctl]\nserverurl=%(ENV_X)s\n' });
  assert.deepEqual(loadCtlConfig(path.join(dir, 'a.conf'), { env: {} }), {
    ok: true,
    config: { serverurl: null, username: null, password: null, prompt: 'supervisor', history_file: null, unixSocketFile: null },
  });
  // no [supervisorctl]: the defaults (supervisorctl would refuse the file)
  assert.deepEqual(loadCtlConfig(path.join(dir, 'b.conf'), { env: {} }), {
    ok: true,
    config: { serverurl: null, username: null, password: null, prompt: 'supervisor', history_file: null, unixSocketFile: null },
  });
  const c = loadCtlConfig(path.join(dir, 'c.conf'), { env: {} });
  assert.ok(!c.ok);
  assert.match(c.errors[0] ?? '', /c\.conf:2: Format string '%\(ENV_X\)s' for 'supervisorctl\.serverurl' contains names/);
  assert.deepEqual(loadCtlConfig(path.join(dir, 'none.conf'), { env: {} }), { ok: false, errors: [`could not find config file ${dir}/none.conf`] });
});

test('findConfigFile: the search order of supervisord, H = dirname(dirname(script))', () => {
  const searched = [
    '/usr/lib/tend/etc/supervisord.conf',
    '/usr/lib/tend/supervisord.conf',
    'supervisord.conf',
    'etc/supervisord.conf',
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ];
  assert.deepEqual(findConfigFile('/usr/lib/tend/dist/init.js', '/work', () => false), { file: null, searched });
  const only = (want: string) => (p: string): boolean => p === want;
  assert.equal(findConfigFile('/usr/lib/tend/dist/init.js', '/work', only('/work/etc/supervisord.conf')).file, '/work/etc/supervisord.conf');
  assert.equal(findConfigFile('/usr/lib/tend/dist/init.js', '/work', only('/etc/supervisor/supervisord.conf')).file, '/etc/supervisor/supervisord.conf');
  const both = (p: string): boolean => p === '/usr/lib/tend/supervisord.conf' || p === '/etc/supervisord.conf';
  assert.equal(findConfigFile('/usr/lib/tend/dist/init.js', '/', both).file, '/usr/lib/tend/supervisord.conf');
  assert.deepEqual(findConfigFile('init.js', '/w', () => false).searched.slice(0, 2), ['etc/supervisord.conf', 'supervisord.conf']);
});

test("noConfigFileMessage: supervisord's text", () => {
  assert.equal(
    noConfigFileMessage(['a', 'b']),
    'No config file found at default paths (a, b); use the -c option to specify a config file at a different path',
  );
});
