// The init's command line (spec §1.1), with supervisord's getopt behaviour and messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { HELP_TEXT, parseCommandLine, TEND_VERSION, VERSION_TEXT } from '../../../src/config/cli';

const run = (over: object = {}): object => ({ kind: 'run', configFile: null, check: false, overrides: {}, single: null, ...over });
const error = (message: string): object => ({ kind: 'error', message });

test('no arguments: run with the default config search', () => {
  assert.deepEqual(parseCommandLine([]), run());
});

test('-c FILE, -cFILE, --configuration FILE, --configuration=FILE, and a unique prefix', () => {
  for (const argv of [['-c', 'a.conf'], ['-ca.conf'], ['--configuration', 'a.conf'], ['--configuration=a.conf'], ['--conf', 'a.conf']]) {
    assert.deepEqual(parseCommandLine(argv), run({ configFile: 'a.conf' }), argv.join(' '));
  }
});

test('flags, bundled flags and a bundled value; -n is accepted', () => {
  assert.deepEqual(parseCommandLine(['-nkc', 'x.conf', '-s']), run({ configFile: 'x.conf', overrides: { nodaemon: 'true', nocleanup: 'true', silent: 'true' } }));
  assert.deepEqual(parseCommandLine(['--strip_ansi', '--nodaemon']), run({ overrides: { strip_ansi: 'true', nodaemon: 'true' } }));
});

test('-t/--check', () => {
  assert.deepEqual(parseCommandLine(['-t', '-c', 'x']), run({ configFile: 'x', check: true }));
  assert.deepEqual(parseCommandLine(['--check']), run({ check: true }));
});

test('options with values become [supervisord] overrides', () => {
  const argv = ['-u', 'app', '-m', '002', '-d', '/srv', '-l', 'x.log', '-y', '10MB', '-z', '3', '-e', 'debug', '-j', 'x.pid', '-i', 'id', '-q', '/tmp', '-a', '100', '--minprocs', '5', '--profile_options', 'calls'];
  assert.deepEqual(
    parseCommandLine(argv),
    run({
      overrides: {
        user: 'app', umask: '002', directory: '/srv', logfile: 'x.log', logfile_maxbytes: '10MB', logfile_backups: '3',
        loglevel: 'debug', pidfile: 'x.pid', identifier: 'id', childlogdir: '/tmp', minfds: '100', minprocs: '5',
      },
    }),
  );
});

test('help and version, processed in order', () => {
  for (const argv of [['-h'], ['-?'], ['--help'], ['--he'], ['-c', 'x', '-h', '-n', '-n']]) assert.deepEqual(parseCommandLine(argv), { kind: 'help' });
  for (const argv of [['-v'], ['--version']]) assert.deepEqual(parseCommandLine(argv), { kind: 'version' });
  assert.deepEqual(parseCommandLine(['-n', '-n', '-h']), error("conflicting command line option '-n'"));
});

test("supervisord's getopt errors", () => {
  assert.deepEqual(parseCommandLine(['-x']), error('option -x not recognized'));
  assert.deepEqual(parseCommandLine(['-h', '-x']), error('option -x not recognized'));
  assert.deepEqual(parseCommandLine(['--bogus']), error('option --bogus not recognized'));
  assert.deepEqual(parseCommandLine(['--no']), error('option --no not a unique prefix'));
  assert.deepEqual(parseCommandLine(['-c']), error('option -c requires argument'));
  assert.deepEqual(parseCommandLine(['--configuration']), error('option --configuration requires argument'));
  assert.deepEqual(parseCommandLine(['--nodaemon=1']), error('option --nodaemon must not have an argument'));
});

test('positional arguments are refused, listed as Python does', () => {
  assert.deepEqual(parseCommandLine(['foo', 'bar']), error("positional arguments are not supported: ['foo', 'bar']"));
  assert.deepEqual(parseCommandLine(['-n', "it's"]), error(`positional arguments are not supported: ["it's"]`));
  assert.deepEqual(parseCommandLine(['-']), error("positional arguments are not supported: ['-']"));
});

test('a repeated option conflicts, named as typed', () => {
  assert.deepEqual(parseCommandLine(['-n', '-n']), error("conflicting command line option '-n'"));
  assert.deepEqual(parseCommandLine(['-n', '--nodaemon']), error("conflicting command line option '--nodaemon'"));
  assert.deepEqual(parseCommandLine(['-c', 'a', '-c', 'b']), error("conflicting command line option '-c'"));
});

test('bad values of options that need no file system are reported at once', () => {
  assert.deepEqual(parseCommandLine(['-m', 'x']), error("invalid value for -m 'x': x can not be converted to an octal type"));
  assert.deepEqual(parseCommandLine(['--umask', '9']), error("invalid value for --umask '9': 9 can not be converted to an octal type"));
  assert.deepEqual(parseCommandLine(['-e', 'warning']), error("invalid value for -e 'warning': bad logging level name 'warning'"));
  assert.deepEqual(parseCommandLine(['-y', '1k']), error("invalid value for -y '1k': invalid literal for int() with base 10: '1k'"));
  assert.deepEqual(parseCommandLine(['-z', 'x']), error("invalid value for -z 'x': invalid literal for int() with base 10: 'x'"));
  assert.deepEqual(parseCommandLine(['-a', 'x']), error("invalid value for -a 'x': invalid literal for int() with base 10: 'x'"));
  assert.deepEqual(parseCommandLine(['--minprocs=x']), error("invalid value for --minprocs 'x': invalid literal for int() with base 10: 'x'"));
  assert.deepEqual(parseCommandLine(['-m', 'x', '-m', 'y']), error("invalid value for -m 'x': x can not be converted to an octal type"));
});

test('-- then a command: single-program mode; options before it still count', () => {
  assert.deepEqual(parseCommandLine(['--', 'nginx', '-g', 'daemon off;']), run({ single: ['nginx', '-g', 'daemon off;'] }));
  assert.deepEqual(parseCommandLine(['-n', '--', 'sleep', '1']), run({ overrides: { nodaemon: 'true' }, single: ['sleep', '1'] }));
  assert.deepEqual(parseCommandLine(['--']), run());
});

test('version line and help text', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(TEND_VERSION, pkg.version);
  assert.equal(VERSION_TEXT, `tend ${pkg.version} (supervisord 4.2.5 compatible)`);
  assert.doesNotMatch(VERSION_TEXT, /\n/);
  for (const opt of ['-c/--configuration', '-n/--nodaemon', '-t/--check', '-h/--help', '-v/--version', '--minprocs', '--strip_ansi', '-q/--childlogdir']) {
    assert.ok(HELP_TEXT.includes(opt), opt);
  }
});
