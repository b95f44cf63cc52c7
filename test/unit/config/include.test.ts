// [include] files= (spec §2.10), with real files in a temp dir.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { test } from 'node:test';
import { errors, head, load, ok, oneError } from './helpers';

test('globs relative to the main file, matches read in sorted order, INFO per file, WARN per empty glob', () => {
  const l = load(
    `${head('@DIR@')}[include]\nfiles = conf.d/*.conf  sub?/[ab]*.ini  none/*.x  /nonexistent/abs.conf\n`,
    {},
    {
      'conf.d/20-b.conf': '[program:b]\ncommand=b\n',
      'conf.d/10-a.conf': '[program:a]\ncommand=a\n',
      'conf.d/skip.txt': '[program:skip]\ncommand=no\n',
      'conf.d/.hidden.conf': '[program:hidden]\ncommand=no\n',
      'sub1/a1.ini': '[program:c]\ncommand=c\n',
      'sub2/b.ini': '[program:d]\ncommand=d\n',
      'sub2/c.ini': '[program:e]\ncommand=no\n',
      'sub10/a.ini': '[program:f]\ncommand=no\n',
    },
  );
  const c = ok(l);
  assert.deepEqual(c.groups.map((g) => g.name), ['a', 'b', 'c', 'd']);
  assert.deepEqual(c.messages.map((m) => `${m.level} ${m.text}`), [
    `INFO Included extra file "${l.dir}/conf.d/10-a.conf" during parsing`,
    `INFO Included extra file "${l.dir}/conf.d/20-b.conf" during parsing`,
    `INFO Included extra file "${l.dir}/sub1/a1.ini" during parsing`,
    `INFO Included extra file "${l.dir}/sub2/b.ini" during parsing`,
    `WARN No file matches via include "${l.dir}/none/*.x"`,
    'WARN No file matches via include "/nonexistent/abs.conf"',
  ]);
});

test('%(here)s is the directory of the file a value comes from; the main file sees its own', () => {
  const l = load(
    `${head('@DIR@')}[program:main]\ncommand=%(here)s/m\n[include]\nfiles=%(here)s/conf.d/x.conf\n`,
    {},
    { 'conf.d/x.conf': '[program:inc]\ncommand=%(here)s/i\n' },
  );
  const cmds = ok(l).groups.flatMap((g) => g.processes.map((p) => p.command));
  assert.deepEqual(cmds, [`${l.dir}/conf.d/i`, `${l.dir}/m`]);
});

test('include.files sees ENV_ and host_node_name', () => {
  const l = load(`${head('@DIR@')}[include]\nfiles=%(ENV_FOO)s-%(host_node_name)s.conf\n`, {}, { 'foo-box.conf': '[program:x]\ncommand=x\n' });
  assert.deepEqual(ok(l).groups.map((g) => g.name), ['x']);
});

test('a later file overrides keys of an earlier one and merges sections', () => {
  const l = load(
    `${head('@DIR@')}[program:web]\ncommand=main\npriority=1\nautostart=false\n[include]\nfiles=*.ini\n`,
    {},
    { 'a.ini': '[program:web]\ncommand=from-a\n', 'b.ini': '[program:web]\npriority=3\n' },
  );
  const [p] = ok(l).groups.flatMap((g) => g.processes);
  assert.deepEqual([p?.command, p?.priority, p?.autostart], ['from-a', 3, false]);
});

test('errors in included files name the included file and line', () => {
  const l = load(`${head('@DIR@')}[include]\nfiles=bad.conf\n`, {}, { 'bad.conf': '[program:x]\ncommand=x\nstartsecs=soon\n' });
  const bad = `${l.dir}/bad.conf`;
  assert.deepEqual(errors(l), [`${bad}:3: invalid literal for int() with base 10: 'soon' in section 'program:x' (file: '${bad}')`]);
});

test('[include] without files is an error', () => {
  oneError(load(`${head('@DIR@')}[include]\nfile=x.conf\n`), 5, '.ini file has [include] section, but no files setting');
});

test('a bad expansion in files is an error at its line', () => {
  const l = load(`${head('@DIR@')}[include]\nfiles=%(ENV_NOPE)s\n`);
  assert.match(errors(l)[0] ?? '', /supervisord\.conf:6: Format string '%\(ENV_NOPE\)s' for 'include\.files' contains names \('ENV_NOPE'\)/);
});

test('includes do not nest; a nested [include] and an unreadable match warn', () => {
  const l = load(`${head('@DIR@')}[include]\nfiles=conf.d/*\n`, {}, {
    'conf.d/a.conf': '[program:a]\ncommand=a\n[include]\nfiles=../more/*.conf\n',
    'more/b.conf': '[program:b]\ncommand=b\n',
  });
  mkdirSync(`${l.dir}/conf.d/zdir`);
  const again = load(`${head(l.dir)}[include]\nfiles=${l.dir}/conf.d/*\n`);
  const c = ok(again);
  assert.deepEqual(c.groups.map((g) => g.name), ['a']);
  assert.deepEqual(c.messages.map((m) => `${m.level} ${m.text}`), [
    `INFO Included extra file "${l.dir}/conf.d/a.conf" during parsing`,
    `WARN ${l.dir}/conf.d/a.conf:4: [include] in an included file is ignored (includes do not nest)`,
    `INFO Included extra file "${l.dir}/conf.d/zdir" during parsing`,
    `WARN could not read included file "${l.dir}/conf.d/zdir"; it is ignored`,
  ]);
});

test('globs in directory parts, and a dangling symlink counts as a match', () => {
  const l = load(`${head('@DIR@')}[include]\nfiles=*/*/p.conf link.conf\n`, {}, {
    'x/one/p.conf': '[program:one]\ncommand=1\n',
    'y/two/p.conf': '[program:two]\ncommand=2\n',
    'z/p.conf': '[program:no]\ncommand=no\n',
  });
  symlinkSync(`${l.dir}/missing-target`, `${l.dir}/link.conf`);
  const again = load(`${head(l.dir)}[include]\nfiles=${l.dir}/*/*/p.conf ${l.dir}/link.conf\n`);
  const c = ok(again);
  assert.deepEqual(c.groups.map((g) => g.name), ['one', 'two']);
  assert.ok(c.messages.some((m) => m.text === `could not read included file "${l.dir}/link.conf"; it is ignored`));
});
