// ctl's command line (src/ctl/options.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCtlArgs } from '../../../src/ctl/options';
import { T } from './helpers';

describe('ctl options (§1.2)', () => {
  it('getopt-style parsing stops at the action', T, () => {
    const p = parseCtlArgs(['-s', 'unix:///x.sock', '-uadmin', '--password=pw', 'tail', '-f', 'x']);
    assert.ok(p.ok);
    assert.equal(p.options.serverurl, 'unix:///x.sock');
    assert.equal(p.options.username, 'admin');
    assert.equal(p.options.password, 'pw');
    assert.deepEqual(p.options.args, ['tail', '-f', 'x']);
    const q = parseCtlArgs(['--serv', 'http://h:1', '-i', 'status']);
    assert.ok(q.ok);
    assert.equal(q.options.serverurl, 'http://h:1');
    assert.equal(q.options.interactive, true);
  });

  it('errors with supervisorctl wording', T, () => {
    const err = (argv: string[]): string => {
      const p = parseCtlArgs(argv);
      assert.ok(!p.ok);
      return p.error;
    };
    assert.equal(err(['-x']), 'option -x not recognized');
    assert.equal(err(['-s']), 'option -s requires argument');
    assert.equal(err(['--nosuch']), 'option --nosuch not recognized');
    assert.equal(err(['-s', 'unix:///x', '-s', 'unix:///y']), "conflicting command line option '-s'");
    assert.equal(err(['-s', 'foo']), "invalid value for -s 'foo': value 'foo' is not a URL");
    assert.equal(err(['--help=x']), 'option --help must not have an argument');
  });
});
