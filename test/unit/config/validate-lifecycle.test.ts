// tend's lifecycle keys: [supervisord] shutdown_timeout and adopted_stopwaitsecs, [program:x]
// shutdown_on — defaults, values, and errors at file:line with what is allowed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors, inProgram, load, ok } from './helpers';

test('defaults: no shutdown bound, 3 s for adopted processes, shutdown_on=none', () => {
  const c = ok(load('[supervisord]\n[program:a]\ncommand=x\n'));
  assert.equal(c.supervisord.shutdown_timeout, 0);
  assert.equal(c.supervisord.adopted_stopwaitsecs, 3);
  assert.equal(c.groups[0]?.processes[0]?.shutdown_on, 'none');
});

test('values are read; shutdown_on is case-insensitive', () => {
  const c = ok(load('[supervisord]\nshutdown_timeout=25\nadopted_stopwaitsecs=0\n'
    + '[program:a]\ncommand=x\nshutdown_on=Unexpected\n[program:b]\ncommand=x\nshutdown_on=exit\n[program:c]\ncommand=x\nshutdown_on=fatal\n'));
  assert.equal(c.supervisord.shutdown_timeout, 25);
  assert.equal(c.supervisord.adopted_stopwaitsecs, 0);
  assert.deepEqual(c.groups.map((g) => g.processes[0]?.shutdown_on), ['unexpected', 'exit', 'fatal']);
});

test('bad values: file:line, the value, and what is allowed', () => {
  const l = load('[supervisord]\nshutdown_timeout=-1\nadopted_stopwaitsecs=soon\n[program:a]\ncommand=x\nshutdown_on=always\n');
  assert.deepEqual(errors(l), [
    `${l.file}:2: '-1' is not a number of seconds (0 or more)`,
    `${l.file}:3: invalid literal for int() with base 10: 'soon'`,
    `${l.file}:6: invalid 'shutdown_on' value 'always' (allowed: none, exit, unexpected, fatal)${inProgram(l, 'a')}`,
  ]);
});

test('the new keys are known: no unknown-key warning', () => {
  const c = ok(load('[supervisord]\nshutdown_timeout=5\nadopted_stopwaitsecs=1\n[program:a]\ncommand=x\nshutdown_on=exit\n'));
  assert.deepEqual(c.messages.filter((m) => m.level === 'WARN').map((m) => m.text), []);
});
