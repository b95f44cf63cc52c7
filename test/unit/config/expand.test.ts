// %(name)s expansion (spec §2.2): Python %-formatting against a mapping, supervisord's messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envNames, expand, processEnvNames, processNames, programNames } from '../../../src/config/expand';
import { pyFormat, type FormatValue } from '../../../src/python/percent-format';

const names = new Map<string, FormatValue>([
  ['program_name', 'web'],
  ['process_num', 7],
  ['numprocs', 12],
  ['quote', "it's"],
]);

function fmt(s: string): string {
  const r = pyFormat(s, names);
  if (!r.ok) assert.fail(JSON.stringify(r));
  return r.value;
}

test('%(name)s, %% and plain text', () => {
  assert.equal(fmt('%(program_name)s_x'), 'web_x');
  assert.equal(fmt('100%% %(program_name)s'), '100% web');
  assert.equal(fmt('no format'), 'no format');
});

test('integer conversions with width, zero padding, flags and precision', () => {
  assert.equal(fmt('%(process_num)02d'), '07');
  assert.equal(fmt('%(process_num)d|%(process_num)i|%(process_num)u'), '7|7|7');
  assert.equal(fmt('%(numprocs)x %(numprocs)X %(numprocs)o %(numprocs)#x %(numprocs)#o'), 'c C 14 0xc 0o14');
  assert.equal(fmt('[%(process_num)-3d][%(process_num)3d][%(process_num)+d][%(process_num) d]'), '[7  ][  7][+7][ 7]');
  assert.equal(fmt('%(process_num).3d %(process_num)05.3d'), '007 00007');
  assert.equal(fmt('%(process_num)s|%(process_num)5s'), '7|    7');
});

test('float and character conversions', () => {
  assert.equal(fmt('%(numprocs)e %(numprocs).2f %(numprocs)g %(numprocs)E'), '1.200000e+01 12.00 12 1.200000E+01');
  assert.equal(fmt('%(numprocs)c'), '\f');
});

test('string conversions: precision truncates, r gives the repr', () => {
  assert.equal(fmt('%(program_name).1s'), 'w');
  assert.equal(fmt('%(program_name)r %(quote)r'), `'web' "it's"`);
  assert.equal(fmt('%(program_name)-5s|'), 'web  |');
});

test('bad formats give Python texts', () => {
  const bad = (s: string): string => {
    const r = pyFormat(s, names);
    assert.ok(!r.ok && 'bad' in r, s);
    return r.bad;
  };
  assert.equal(bad('50%'), 'incomplete format');
  assert.equal(bad('%(program_name'), 'incomplete format key');
  assert.equal(bad('%(program_name)'), 'incomplete format');
  assert.equal(bad('%(program_name)z'), "unsupported format character 'z' (0x7a) at index 15");
  assert.equal(bad('%(program_name)d'), '%d format: a real number is required, not str');
  assert.equal(bad('%(program_name)x'), '%x format: an integer is required, not str');
  assert.equal(bad('%(program_name)f'), 'must be real number, not str');
  assert.equal(bad('%(program_name)c'), '%c requires int or char');
  assert.equal(bad('%(process_num)*d'), '* wants int');
  assert.equal(bad('%s'), 'format requires a mapping');
});

test('a missing name is reported before a bad conversion after it', () => {
  assert.deepEqual(pyFormat('%(nope)z', names), { ok: false, missing: 'nope' });
  assert.deepEqual(pyFormat('%(nope)%', names), { ok: false, missing: 'nope' });
});

test('keys may contain balanced parentheses', () => {
  assert.deepEqual(pyFormat('%(a(b)c)s', new Map([['a(b)c', 'x']])), { ok: true, value: 'x' });
});

test("expand: supervisord's message for an unknown name lists the sorted available names", () => {
  const r = expand('%(foo)s', new Map<string, FormatValue>([['here', '/etc'], ['ENV_B', '1'], ['ENV_A', '2']]), 'program:x.command');
  assert.deepEqual(r, {
    ok: false,
    error:
      "Format string '%(foo)s' for 'program:x.command' contains names ('foo') which cannot be expanded. " +
      'Available names: ENV_A, ENV_B, here',
  });
});

test('expand: badly formatted message', () => {
  assert.deepEqual(expand('50%', new Map(), 'environment'), {
    ok: false,
    error: "Format string '50%' for 'environment' is badly formatted: incomplete format",
  });
});

test('expand: the format string is shown as a Python repr', () => {
  const r = expand("it's %(x)s", new Map(), 'a.b');
  assert.ok(!r.ok);
  assert.match(r.error, /^Format string "it's %\(x\)s" for 'a\.b' contains names \('x'\)/);
});

test('name sets: ENV_ of the snapshot, program names, process names, the program environment', () => {
  const env = envNames({ HOME: '/root', X: 'global' });
  const prog = programNames(env, 'web', 'grp', 'box');
  assert.deepEqual(Object.fromEntries(prog), {
    ENV_HOME: '/root',
    ENV_X: 'global',
    program_name: 'web',
    group_name: 'grp',
    host_node_name: 'box',
  });
  const proc = processNames(prog, 3, 4);
  assert.equal(proc.get('process_num'), 3);
  assert.equal(proc.get('numprocs'), 4);
  assert.equal(prog.has('process_num'), false, 'the program set is not changed');
  const withEnv = processEnvNames(proc, { X: 'own', NEW: 'n' });
  assert.equal(withEnv.get('ENV_X'), 'own');
  assert.equal(withEnv.get('ENV_NEW'), 'n');
  assert.equal(proc.get('ENV_X'), 'global');
});
