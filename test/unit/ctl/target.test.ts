// Which server ctl talks to (src/ctl/target.ts). The searched config's live socket is tested
// in test/integration/ctl-target.test.ts (it binds a socket).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveTarget } from '../../../src/ctl/target';
import { cfg, loader, opts, T } from './helpers';

describe('ctl: which server (lookup order)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-ctl-'));
  const explicit = path.join(dir, 'explicit.conf');
  fs.writeFileSync(explicit, '');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('-s beats everything; credentials still come from the config', T, () => {
    const t = resolveTarget({ options: opts(['-s', 'unix:///s.sock', '-c', explicit]), env: { SUPERVISOR_SERVER_URL: 'unix:///env.sock' }, load: loader({ [explicit]: cfg({ serverurl: 'unix:///c.sock', username: 'u', password: 'p' }) }), search: () => null });
    assert.deepEqual(t, { url: 'unix:///s.sock', username: 'u', password: 'p' , prompt: 'supervisor', historyFile: null });
  });

  it('-c config: serverurl, then [unix_http_server] file; both beat the environment', T, () => {
    const env = { SUPERVISOR_SERVER_URL: 'unix:///env.sock' };
    assert.equal(resolveTarget({ options: opts(['-c', explicit]), env, load: loader({ [explicit]: cfg({ serverurl: 'http://h:9' }) }), search: () => null }).url, 'http://h:9');
    assert.equal(resolveTarget({ options: opts(['-c', explicit]), env, load: loader({ [explicit]: cfg({ unixSocketFile: '/f.sock' }) }), search: () => null }).url, 'unix:///f.sock');
    assert.equal(resolveTarget({ options: opts(['-c', explicit]), env, load: loader({ [explicit]: cfg({}) }), search: () => null }).url, 'unix:///env.sock');
  });
});
