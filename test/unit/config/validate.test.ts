// Sections -> typed Config (spec §2.4–§2.10): defaults, every error with file:line, all errors
// together, numprocs, groups and their order, [DEFAULT], duplicate sections.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProcessConfig } from '../../../src/config/types';
import { errors, head, inProgram, load, ok, oneError } from './helpers';

function procs(text: string): ProcessConfig[] {
  return ok(load(text)).groups.flatMap((g) => g.processes);
}

test('[supervisord] defaults', () => {
  const l = load('[supervisord]\n', { env: { HOME: '/root', TMPDIR: '/nonexistent-tmp' } });
  const s = ok(l).supervisord;
  assert.deepEqual(s, {
    logfile: `${l.dir}/supervisord.log`,
    logfile_maxbytes: 50 * 1024 * 1024,
    logfile_backups: 10,
    loglevel: 'info',
    pidfile: `${l.dir}/supervisord.pid`,
    umask: 0o22,
    nodaemon: false,
    silent: false,
    minfds: 1024,
    minprocs: 200,
    nocleanup: false,
    childlogdir: '/tmp',
    user: null,
    directory: null,
    strip_ansi: false,
    console_prefix: [{ field: 'name' }, { text: ' |' }],
    environment: {},
    identifier: 'supervisor',
    shutdown_timeout: 0,
    adopted_stopwaitsecs: 3,
  });
});

test('childlogdir defaults to $TMPDIR when it is a directory', () => {
  const probe = load('[supervisord]\n');
  const l = load('[supervisord]\n', { env: { TMPDIR: probe.dir } });
  assert.equal(ok(l).supervisord.childlogdir, probe.dir);
});

test('[supervisord] values, relative paths against the start directory, logfile=syslog kept', () => {
  const l = load(
    '[supervisord]\nlogfile=syslog\npidfile=run.pid\nloglevel=DEBUG\numask=002\nnodaemon=true\nsilent=on\n' +
      'minfds=4096\nminprocs=50\nnocleanup=yes\nchildlogdir=@DIR@\nuser=app\ndirectory=@DIR@\nstrip_ansi=1\n' +
      'environment=A="1 2",B=x\nidentifier=box1\nlogfile_maxbytes=0\nlogfile_backups=0\n',
  );
  const s = ok(l).supervisord;
  assert.equal(s.logfile, 'syslog');
  assert.equal(s.pidfile, `${l.dir}/run.pid`);
  assert.deepEqual(
    [s.loglevel, s.umask, s.nodaemon, s.silent, s.minfds, s.minprocs, s.nocleanup, s.strip_ansi],
    ['debug', 0o2, true, true, 4096, 50, true, true],
  );
  assert.deepEqual([s.childlogdir, s.directory, s.user?.uid, s.identifier], [l.dir, l.dir, 1000, 'box1']);
  assert.deepEqual(s.environment, { A: '1 2', B: 'x' });
  assert.deepEqual([s.logfile_maxbytes, s.logfile_backups], [0, 0]);
});

test('[supervisord] errors carry file:line and no section suffix', () => {
  const l = load('[supervisord]\nloglevel=warning\nchildlogdir=/nonexistent\nlogfile=/nonexistent/x.log\nuser=ghost\n');
  assert.deepEqual(errors(l), [
    `${l.file}:4: The directory named as part of the path /nonexistent/x.log does not exist`,
    `${l.file}:2: bad logging level name 'warning'`,
    `${l.file}:3: /nonexistent is not an existing directory`,
    `${l.file}:5: Invalid user name ghost`,
  ]);
});

test('a missing [supervisord] is an error; the other sections are still checked', () => {
  const l = load('[program:a]\ncommand=x\nautostart=maybe\n');
  assert.deepEqual(errors(l), [
    `${l.file}: .ini file does not include supervisord section`,
    `${l.file}:3: not a valid boolean value: 'maybe'${inProgram(l, 'a')}`,
  ]);
});

test('program defaults, one process named after the program in a group of its own', () => {
  const l = load(`${head('@DIR@')}[program:web]\ncommand=/bin/web --port 80\n`);
  const c = ok(l);
  assert.equal(c.groups.length, 1);
  const g = c.groups[0];
  assert.deepEqual([g?.name, g?.priority, g?.where], ['web', 999, { file: l.file, line: 5 }]);
  const stream = {
    logfile: { kind: 'console' },
    logfile_maxbytes: 50 * 1024 * 1024,
    logfile_backups: 10,
    capture_maxbytes: 0,
    events_enabled: false,
    syslog: false,
  };
  assert.deepEqual(g?.processes, [
    {
      program_name: 'web',
      group: 'web',
      priority: 999,
      autostart: true,
      autorestart: 'unexpected',
      startsecs: 1,
      startretries: 3,
      backoff: 'linear',
      backoff_max: Number.POSITIVE_INFINITY,
      restart_backoff: 'none',
      stopsignal: 'TERM',
      stopwaitsecs: 10,
      stopasgroup: false,
      killasgroup: false,
      exitcodes: [0],
      redirect_stderr: false,
      user: null,
      umask: null,
      serverurl: 'AUTO',
      shutdown_on: 'none',
      console_prefix: [{ field: 'name' }, { text: ' |' }],
      where: { file: l.file, line: 5 },
      name: 'web',
      process_num: 0,
      numprocs: 1,
      command: '/bin/web --port 80',
      stdout: stream,
      stderr: stream,
      environment: {},
      directory: null,
    },
  ]);
  assert.deepEqual(c.messages, []);
});

test('program values', () => {
  const [p] = procs(
    `${head('@DIR@')}[program:w]\ncommand=run\npriority=5\nautostart=false\nstartsecs=0\nstartretries=9\n` +
      'autorestart=true\nexitcodes=0,2\nstopsignal=int\nstopwaitsecs=30\nstopasgroup=true\nuser=www\n' +
      'redirect_stderr=true\nstdout_logfile=@DIR@/out.log\nstdout_logfile_maxbytes=1KB\nstdout_logfile_backups=2\n' +
      'stdout_capture_maxbytes=1MB\nstdout_events_enabled=true\nstdout_syslog=true\nstderr_logfile=NONE\n' +
      'environment=A=1,B="two words"\ndirectory=/srv/%(program_name)s\numask=077\nserverurl=unix:///x.sock\n',
  );
  assert.ok(p);
  assert.deepEqual(
    [p.priority, p.autostart, p.startsecs, p.startretries, p.autorestart, p.exitcodes, p.stopsignal, p.stopwaitsecs],
    [5, false, 0, 9, 'true', [0, 2], 'INT', 30],
  );
  assert.deepEqual([p.stopasgroup, p.killasgroup, p.user?.name, p.redirect_stderr], [true, true, 'www', true]);
  assert.equal(p.stdout.logfile.kind, 'path');
  assert.deepEqual(
    [p.stdout.logfile_maxbytes, p.stdout.logfile_backups, p.stdout.capture_maxbytes, p.stdout.events_enabled, p.stdout.syslog],
    [1024, 2, 1024 * 1024, true, true],
  );
  assert.deepEqual(p.stderr.logfile, { kind: 'none' });
  assert.deepEqual(p.environment, { A: '1', B: 'two words' });
  assert.deepEqual([p.directory, p.umask, p.serverurl], ['/srv/w', 0o77, 'unix:///x.sock']);
});

test('every program error: file:line of the key and the supervisord suffix', () => {
  const cases: [string, string][] = [
    ['startsecs=abc', "invalid literal for int() with base 10: 'abc'"],
    ['autostart=maybe', "not a valid boolean value: 'maybe'"],
    ['stopsignal=FOO', "value 'FOO' is not a valid signal name"],
    ['stopsignal=99', "value '99' is not a valid signal number"],
    ['exitcodes=0,256', "not a valid list of exit codes: '0,256'"],
    ['autorestart=sometimes', "invalid 'autorestart' value 'sometimes'"],
    ['user=nosuchuser', 'Invalid user name nosuchuser'],
    ['user=4242', 'Invalid user id 4242'],
    ['stdout_logfile=/nonexist/dir/x.log', 'The directory named as part of the path /nonexist/dir/x.log does not exist'],
    ['environment=A=1,B', "Unexpected end of key/value pairs in value 'A=1,B'"],
    ['umask=999', '999 can not be converted to an octal type'],
    ['stderr_logfile_maxbytes=1.5MB', "invalid literal for int() with base 10: '1.5'"],
    ['process_name=a b', "Invalid name: 'a b' because of character: ' '"],
    ['command=50%', "Format string '50%' for 'program:a.command' is badly formatted: incomplete format"],
    ['environment=X=%(nope)s', "Format string 'X=%(nope)s' for 'environment' contains names ('nope') which cannot be expanded. Available names: ENV_FOO, ENV_HOME, ENV_PATH, group_name, here, host_node_name, numprocs, process_num, program_name"],
  ];
  for (const [line, message] of cases) {
    const body = line.startsWith('command=') ? line : `command=x\n${line}`;
    const l = load(`${head('@DIR@')}[program:a]\n${body}\n`);
    oneError(l, line.startsWith('command=') ? 6 : 7, `${message}${inProgram(l, 'a')}`);
  }
});

test('program errors that are not about one key point at the section (or the key involved)', () => {
  let l = load(`${head('@DIR@')}[program:a]\nautostart=true\n`);
  oneError(l, 5, `program section program:a does not specify a command${inProgram(l, 'a')}`);
  l = load(`${head('@DIR@')}[program:a]\ncommand=x\nnumprocs=2\n`);
  oneError(l, 7, `%(process_num) must be present within process_name when numprocs > 1${inProgram(l, 'a')}`);
  l = load(`${head('@DIR@')}[program:a]\ncommand=x\nstopasgroup=true\nkillasgroup=false\n`);
  oneError(l, 8, `Cannot set stopasgroup=true and killasgroup=false${inProgram(l, 'a')}`);
  l = load(`${head('@DIR@')}[program:a b]\ncommand=x\n`);
  oneError(l, 5, "Invalid name: 'a b' because of character: ' '");
});

test('all errors are reported together, across sections and files', () => {
  const l = load(
    `${head('@DIR@')}loglevel=loud\n[program:a]\ncommand=x\nstartsecs=abc\nautostart=maybe\n` +
      '[program:b]\nstopsignal=FOO\n[inet_http_server]\nport=abc\n[include]\nfiles=more.conf\n',
    {},
    { 'more.conf': '[program:c]\ncommand=x\nexitcodes=300\njunk\n' },
  );
  const more = `${l.dir}/more.conf`;
  assert.deepEqual(errors(l), [
    `${more}:4: Source contains parsing errors: 'junk'`,
    `${l.file}:5: bad logging level name 'loud'`,
    `${l.file}:9: not a valid boolean value: 'maybe'${inProgram(l, 'a')}`,
    `${l.file}:8: invalid literal for int() with base 10: 'abc'${inProgram(l, 'a')}`,
    `${l.file}:11: value 'FOO' is not a valid signal name${inProgram(l, 'b')}`,
    `${l.file}:10: program section program:b does not specify a command${inProgram(l, 'b')}`,
    `${more}:3: not a valid list of exit codes: '300' in section 'program:c' (file: '${more}')`,
    `${l.file}:13: not a valid port number: 'abc' `,
  ]);
});

test('numprocs: process_num from numprocs_start, names sorted as supervisord sorts them', () => {
  const ps = procs(
    `${head('@DIR@')}[program:web]\ncommand=/bin/web --id %(process_num)02d of %(numprocs)d\n` +
      'process_name=%(program_name)s_%(process_num)d\nnumprocs=3\nnumprocs_start=8\n',
  );
  assert.deepEqual(
    ps.map((p) => [p.name, p.process_num, p.numprocs, p.group, p.command]),
    [
      ['web_10', 10, 3, 'web', '/bin/web --id 10 of 3'],
      ['web_8', 8, 3, 'web', '/bin/web --id 08 of 3'],
      ['web_9', 9, 3, 'web', '/bin/web --id 09 of 3'],
    ],
  );
});

test('per-process names: only command, process_name, environment, directory and the log keys see process_num', () => {
  const l = load(
    `${head('@DIR@')}[program:w]\ncommand=run %(ENV_SLOT)s\nprocess_name=w%(process_num)d\nnumprocs=2\n` +
      'environment=SLOT="s%(process_num)d"\ndirectory=/srv/%(process_num)d\n' +
      'stdout_logfile=@DIR@/w%(process_num)d.log\nstdout_logfile_backups=%(process_num)d\n',
  );
  const ps = ok(l).groups.flatMap((g) => g.processes);
  assert.deepEqual(
    ps.map((p) => [p.name, p.command, p.environment, p.directory, p.stdout.logfile, p.stdout.logfile_backups]),
    [0, 1].map((n) => [`w${n}`, `run s${n}`, { SLOT: `s${n}` }, `/srv/${n}`, { kind: 'path', path: `${l.dir}/w${n}.log` }, n]),
  );
  const bad = load(`${head('@DIR@')}[program:w]\ncommand=x\npriority=%(process_num)d\n`);
  oneError(
    bad,
    7,
    "Format string '%(process_num)d' for 'program:w.priority' contains names ('process_num') which cannot be expanded. " +
      `Available names: ENV_FOO, ENV_HOME, ENV_PATH, group_name, here, host_node_name, program_name${inProgram(bad, 'w')}`,
  );
});

test('names available to a program: here, program_name, group_name, host_node_name, ENV_ incl. [supervisord] environment', () => {
  const l = load(
    `${head('@DIR@')}environment=G=global\n[program:p]\ncommand=%(here)s %(program_name)s %(group_name)s %(host_node_name)s %(ENV_FOO)s %(ENV_G)s\n` +
      '[group:grp]\nprograms=p\n',
  );
  const [p] = ok(l).groups.flatMap((g) => g.processes);
  assert.equal(p?.command, `${l.dir} p grp box foo global`);
});

test('[DEFAULT] keys are inherited by every program', () => {
  const ps = procs(`[DEFAULT]\nautostart=false\nstartsecs=0\n${head('@DIR@')}[program:a]\ncommand=a\n[program:b]\ncommand=b\nautostart=true\n`);
  assert.deepEqual(ps.map((p) => [p.name, p.autostart, p.startsecs]), [['a', false, 0], ['b', true, 0]]);
});

test('duplicate sections merge and the last value wins', () => {
  const ps = procs(`${head('@DIR@')}[program:a]\ncommand=first\npriority=5\n[program:b]\ncommand=b\n[program:a]\ncommand=second\n`);
  assert.deepEqual(ps.map((p) => [p.name, p.command, p.priority]), [['a', 'second', 5], ['b', 'b', 999]]);
});

test('groups: [group:] keeps programs= order and its own priority; listed programs are no groups of their own', () => {
  const c = ok(
    load(
      `${head('@DIR@')}[program:z]\ncommand=z\npriority=1\n[program:a]\ncommand=a\npriority=50\n` +
        '[program:solo]\ncommand=s\npriority=10\n[group:g]\nprograms=a, z\npriority=20\n[program:other]\ncommand=o\n',
    ),
  );
  assert.deepEqual(
    c.groups.map((g) => [g.name, g.priority, g.processes.map((p) => [p.name, p.group, p.priority])]),
    [
      ['solo', 10, [['solo', 'solo', 10]]],
      ['g', 20, [['a', 'g', 50], ['z', 'g', 1]]],
      ['other', 999, [['other', 'other', 999]]],
    ],
  );
});

test('groups of equal priority are sorted by name', () => {
  const c = ok(load(`${head('@DIR@')}[program:b]\ncommand=b\n[program:a]\ncommand=a\n[group:c]\nprograms=b\npriority=999\n`));
  assert.deepEqual(c.groups.map((g) => g.name), ['a', 'c']);
});

test('[group:] errors: unknown program, bad priority, bad name; an empty group warns', () => {
  let l = load(`${head('@DIR@')}[program:a]\ncommand=a\n[group:g]\nprograms=a,x\npriority=high\n`);
  assert.deepEqual(errors(l), [
    `${l.file}:8: [group:g] names unknown program or fcgi-program x`,
    `${l.file}:9: invalid literal for int() with base 10: 'high'`,
  ]);
  l = load(`${head('@DIR@')}[group:a:b]\nprograms=\n`);
  oneError(l, 5, "Invalid name: 'a:b' because of character: ':'");
  l = load(`${head('@DIR@')}[group:g]\npriority=1\n`);
  assert.deepEqual(ok(l).groups, [{ name: 'g', priority: 1, processes: [], where: { file: l.file, line: 5 } }]);
  assert.deepEqual(ok(l).messages, [{ level: 'WARN', text: `${l.file}:5: [group:g] has no programs= line; the group is empty` }]);
});

test('a group name used twice and a process name used twice in a group are errors (deviation)', () => {
  let l = load(`${head('@DIR@')}[program:web]\ncommand=a\n[program:x]\ncommand=x\n[group:web]\nprograms=x\n`);
  oneError(l, 9, `process group name 'web' is already used by the group defined at ${l.file}:5`);
  l = load(`${head('@DIR@')}[program:a]\ncommand=a\nprocess_name=same\n[program:b]\ncommand=b\nprocess_name=same\n[group:g]\nprograms=a,b\n`);
  oneError(l, 8, "process name 'same' of [program:b] is already used in group 'g' by [program:a]");
});

test('unknown keys and sections warn with file:line; plugin sections are accepted silently', () => {
  const l = load(
    `${head('@DIR@')}http_port=9001\n[program:web]\ncommand=x\nautostrat=true\n[weird]\na=1\n` +
      '[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n' +
      '[ctlplugin:x]\nsupervisor.ctl_factory = x:y\n[eventlistener:ev]\ncommand=e\nevents=TICK_5\n[DEFAULT]\nbogus=1\n',
  );
  assert.deepEqual(ok(l).messages.map((m) => `${m.level} ${m.text}`), [
    `WARN ${l.file}:5: unknown key 'http_port' in section [supervisord] ignored`,
    `WARN ${l.file}:8: unknown key 'autostrat' in section [program:web] ignored`,
    `WARN ${l.file}:9: unknown section [weird] ignored`,
    `WARN ${l.file}:15: [eventlistener:ev] is not supported by tend yet; the section is ignored`,
    `WARN ${l.file}:19: unknown key 'bogus' in section [DEFAULT] ignored`,
  ]);
});

test('[rpcinterface:x] needs the factory key; another factory is ignored with a warning', () => {
  let l = load(`${head('@DIR@')}[rpcinterface:x]\nfoo=bar\n`);
  oneError(l, 5, 'section [rpcinterface:x] does not specify a supervisor.rpcinterface_factory');
  l = load(`${head('@DIR@')}[rpcinterface:twiddler]\nsupervisor.rpcinterface_factory = twiddler:make\n`);
  assert.match(ok(l).messages[0]?.text ?? '', /:6: \[rpcinterface:twiddler\] supervisor\.rpcinterface_factory 'twiddler:make' is not supported/);
});

test('program parse warnings of supervisord', () => {
  const l = load(
    `${head('@DIR@')}[program:a]\ncommand=a\nstdout_logfile=AUTO\nstdout_logfile_maxbytes=0\nredirect_stderr=true\nstderr_logfile=@DIR@/err.log\n` +
      '[program:b]\ncommand=b\nstdout_logfile=syslog\n',
  );
  const c = ok(l);
  assert.deepEqual(c.messages.map((m) => `${m.level} ${m.text}`), [
    'WARN For [program:a], AUTO logging used for stdout_logfile without rollover, set maxbytes > 0 to avoid filling up filesystem unintentionally',
    'WARN For [program:a], redirect_stderr=true but stderr_logfile has also been set to a filename, the filename has been ignored',
    'WARN For [program:b], stdout_logfile=syslog but this is deprecated and will be removed.  Use stdout_syslog=true to enable syslog instead.',
  ]);
  const [a, b] = c.groups.flatMap((g) => g.processes);
  assert.deepEqual(a?.stderr.logfile, { kind: 'none' });
  assert.deepEqual([b?.stdout.logfile, b?.stdout.syslog], [{ kind: 'none' }, true]);
});

test('killasgroup defaults to stopasgroup', () => {
  const [p] = procs(`${head('@DIR@')}[program:a]\ncommand=a\nstopasgroup=true\n`);
  assert.deepEqual([p?.stopasgroup, p?.killasgroup], [true, true]);
});

test('[unix_http_server]: file made absolute with %(here)s, chmod, chown, auth', () => {
  const l = load(`${head('@DIR@')}[unix_http_server]\nfile=%(here)s/run/../sv.sock\nchmod=0770\nchown=app:docker\nusername=u\npassword=p\n`);
  assert.deepEqual(ok(l).unix_http_server, {
    file: `${l.dir}/sv.sock`,
    chmod: 0o770,
    chown: { uid: 1000, gid: 999 },
    username: 'u',
    password: 'p',
    where: { file: l.file, line: 5 },
  });
  const rel = load(`${head('@DIR@')}[unix_http_server]\nfile=sv.sock\n`);
  assert.deepEqual(ok(rel).unix_http_server, {
    file: `${rel.dir}/sv.sock`,
    chmod: 0o700,
    chown: null,
    username: null,
    password: null,
    where: { file: rel.file, line: 5 },
  });
});

test('[unix_http_server] errors', () => {
  let l = load(`${head('@DIR@')}[unix_http_server]\nchmod=rwx\n`);
  assert.deepEqual(errors(l), [`${l.file}:5: section [unix_http_server] has no file value`, `${l.file}:6: Invalid chmod value rwx`]);
  l = load(`${head('@DIR@')}[unix_http_server]\nfile=/x.sock\nchown=ghost\n`);
  oneError(l, 7, 'Invalid sockchown value ghost');
  l = load(`${head('@DIR@')}[unix_http_server]\nfile=/x.sock\npassword=p\n`);
  oneError(
    l,
    7,
    'Section [unix_http_server] contains incomplete authentication: If a username or a password is specified, both the username and password must be specified',
  );
});

test('[inet_http_server]: port forms and errors', () => {
  const c = ok(load(`${head('@DIR@')}[inet_http_server]\nport=*:9001\nusername=admin\npassword={SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d\n`));
  assert.deepEqual(
    [c.inet_http_server?.host, c.inet_http_server?.port, c.inet_http_server?.username, c.inet_http_server?.password],
    ['', 9001, 'admin', '{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d'],
  );
  let l = load(`${head('@DIR@')}[inet_http_server]\nport=abc\n`);
  oneError(l, 6, "not a valid port number: 'abc' ");
  l = load(`${head('@DIR@')}[inet_http_server]\nusername=a\n`);
  assert.deepEqual(errors(l), [
    `${l.file}:6: Section [inet_http_server] contains incomplete authentication: If a username or a password is specified, both the username and password must be specified`,
    `${l.file}:5: section [inet_http_server] has no port value`,
  ]);
});

test('[supervisorctl]: values; its problems are warnings for the init', () => {
  let l = load(`${head('@DIR@')}[supervisorctl]\nserverurl=unix://%(here)s/sv.sock\nprompt=box\nhistory_file=~/.hist\n`);
  assert.deepEqual(ok(l).supervisorctl, {
    serverurl: `unix://${l.dir}/sv.sock`,
    username: null,
    password: null,
    prompt: 'box',
    history_file: '/root/.hist',
  });
  l = load(`${head('@DIR@')}[supervisorctl]\nserverurl=%(ENV_NOPE)s\n`);
  const c = ok(l);
  assert.equal(c.supervisorctl?.serverurl, null);
  assert.match(c.messages[0]?.text ?? '', /:6: Format string '%\(ENV_NOPE\)s' for 'supervisorctl\.serverurl' contains names/);
  assert.equal(ok(load(`${head('@DIR@')}`)).supervisorctl, null);
});

test('command-line values replace [supervisord] keys; bad ones are reported as supervisord does', () => {
  let l = load(`${head('@DIR@')}nodaemon=false\nloglevel=info\n`, { overrides: { nodaemon: 'true', loglevel: 'debug', identifier: 'x' } });
  const s = ok(l).supervisord;
  assert.deepEqual([s.nodaemon, s.loglevel, s.identifier], [true, 'debug', 'x']);
  l = load(`${head('@DIR@')}`, { overrides: { directory: '/nonexistent', user: 'ghost', childlogdir: '/nope' } });
  assert.deepEqual(errors(l), [
    "invalid value for -q '/nope': /nope is not an existing directory",
    'Invalid user name ghost',
    "invalid value for -d '/nonexistent': /nonexistent is not an existing directory",
  ]);
});

test('%% in values gives %; a bad expansion in [supervisord] names the key', () => {
  const [p] = procs(`${head('@DIR@')}[program:a]\ncommand=echo 100%%\n`);
  assert.equal(p?.command, 'echo 100%');
  const l = load(`${head('@DIR@')}identifier=%(ENV_NOPE)s\n`);
  const e = errors(l);
  assert.match(e[0] ?? '', new RegExp(`^${l.file}:5: Format string '%\\(ENV_NOPE\\)s' for 'supervisord\\.identifier' contains names \\('ENV_NOPE'\\) which cannot be expanded\\. Available names: ENV_FOO, ENV_HOME, ENV_PATH, here$`));
});

test('stdout_logfile unset is the console; /dev/stdout and its aliases are tend\'s own streams, raw', () => {
  const c = ok(load(
    `${head('@DIR@')}[program:a]\ncommand=a\nstdout_logfile=/dev/stdout\nstderr_logfile=/proc/self/fd/2\n` +
      '[program:b]\ncommand=b\nstdout_logfile=/dev/fd/2\n',
  ));
  const [a, b] = c.groups.flatMap((g) => g.processes);
  assert.deepEqual(a?.stdout.logfile, { kind: 'raw', fd: 1, path: '/dev/stdout' });
  assert.deepEqual(a?.stderr.logfile, { kind: 'raw', fd: 2, path: '/proc/self/fd/2' });
  assert.deepEqual(b?.stdout.logfile, { kind: 'raw', fd: 2, path: '/dev/fd/2' });
  assert.deepEqual(b?.stderr.logfile, { kind: 'console' });
  assert.deepEqual(c.messages, []);
});

test('console_prefix: [supervisord] sets the default, a program overrides it, none turns it off', () => {
  const c = ok(load(
    '[supervisord]\nlogfile=@DIR@/sd.log\nconsole_prefix=[{stream}] {name}:\n' +
      '[program:a]\ncommand=a\n[program:b]\ncommand=b\nconsole_prefix=none\n[program:c]\ncommand=c\nconsole_prefix=%(program_name)s>\n',
  ));
  const [a, b, cc] = c.groups.flatMap((g) => g.processes);
  assert.deepEqual(a?.console_prefix, [{ text: '[' }, { field: 'stream' }, { text: '] ' }, { field: 'name' }, { text: ':' }]);
  assert.equal(b?.console_prefix, null);
  assert.deepEqual(cc?.console_prefix, [{ text: 'c>' }]);
});

test('console_prefix errors carry file:line', () => {
  const l = load(`${head('@DIR@')}[program:a]\ncommand=a\nconsole_prefix={nam} |\n`);
  assert.match(errors(l)[0] ?? '', /supervisord\.conf:7: unknown field \{nam\} in console_prefix "\{nam\} \|"/);
  const g = load('[supervisord]\nconsole_prefix={oops\n');
  assert.match(errors(g)[0] ?? '', /supervisord\.conf:2: unclosed '\{' in console_prefix/);
});
