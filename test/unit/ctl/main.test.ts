// ctl's entry (src/ctl/main.ts): usage errors, config errors, -h, exit codes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCtl } from '../../../src/ctl/main';
import { loader, T } from './helpers';

describe('ctl: runCtl', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-ctl-'));
  const explicit = path.join(dir, 'explicit.conf');
  fs.writeFileSync(explicit, '');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runCtl: usage errors, a missing -c file, a config without [supervisorctl], -h', T, async () => {
    const run = async (argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCtl({
        argv, argv0: '/usr/bin/tendctl', env: {}, stdout: (t) => (out += t), stderr: (t) => (err += t),
        loadConfig: loader({}), findConfig: () => null,
      });
      return { code, out, err };
    };
    assert.deepEqual(await run(['-x']), { code: 2, out: '', err: 'Error: option -x not recognized\nFor help, use /usr/bin/tendctl -h\n' });
    assert.deepEqual(await run(['-c', '/nonexist.conf', 'status']), { code: 2, out: '', err: 'Error: could not find config file /nonexist.conf\nFor help, use /usr/bin/tendctl -h\n' });
    assert.deepEqual(await run(['-c', explicit, 'status']), { code: 2, out: '', err: 'Error: .ini file does not include supervisorctl section\nFor help, use /usr/bin/tendctl -h\n' });
    const h = await run(['-h']);
    assert.equal(h.code, 0);
    assert.match(h.out, /^ctl \(tendctl\)/);
    const bad = await run(['-s', 'https://x', 'status']);
    // supervisorctl: the ValueError escapes the up-check, so status's exit 4 is not applied
    assert.deepEqual(bad, { code: 1, out: "error: <class 'ValueError'>, Unknown protocol for serverurl https://x\n", err: '' });
  });
});
